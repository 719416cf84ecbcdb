{{/*
One env entry read from a Secret key. Argument: dict "name" <variable> "secret" <secretRef value>.
*/}}
{{- define "channelmind.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret.name }}
      key: {{ .secret.key }}
{{- end }}

{{/*
Env entries of the key-encryption key of personal data: the current key, and the earlier keys
from an optional key of the same Secret. Argument: the global cryptoKekSecret value.
*/}}
{{- define "channelmind.cryptoKekEnv" -}}
- name: CHANNELMIND_CRYPTO_KEK
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
- name: CHANNELMIND_CRYPTO_PREVIOUS_KEKS
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .previousKeysKey }}
      optional: true
{{- end }}

{{/*
Env entries of automation-service that come from Secrets: the link-signing key, the SMTP
password, and the URLs, tokens and signing secrets of the enabled connectors. URLs of Slack,
WeCom and DingTalk contain their token, so they are read from Secrets as well.
Argument: the automationService values.
*/}}
{{- define "channelmind.automationSecretEnv" -}}
{{- $connectors := .connectors -}}
{{- $entries := list (dict "name" "AUTOMATION_FEEDBACK_SIGNING_KEY" "secret" .feedback.signingKeySecret) -}}
{{- if .mail.auth.enabled -}}
{{- $entries = append $entries (dict "name" "QUARKUS_MAILER_PASSWORD" "secret" .mail.auth.passwordSecret) -}}
{{- end -}}
{{- if $connectors.slack.enabled -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_SLACK_URL" "secret" $connectors.slack.urlSecret) -}}
{{- end -}}
{{- if $connectors.wecom.enabled -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_WECOM_URL" "secret" $connectors.wecom.urlSecret) -}}
{{- end -}}
{{- if $connectors.dingtalk.enabled -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_DINGTALK_URL" "secret" $connectors.dingtalk.urlSecret) -}}
{{- if $connectors.dingtalk.signed -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_DINGTALK_SECRET" "secret" $connectors.dingtalk.signingSecret) -}}
{{- end -}}
{{- end -}}
{{- if $connectors.webhook.enabled -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_WEBHOOK_SECRET" "secret" $connectors.webhook.signingSecret) -}}
{{- end -}}
{{- $sms := $connectors.sms -}}
{{- if $sms.enabled -}}
{{- if and (eq $sms.provider "generic") $sms.generic.authHeader -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_SMS_GENERIC_AUTH_VALUE" "secret" $sms.generic.authValueSecret) -}}
{{- else if eq $sms.provider "twilio" -}}
{{- $entries = append $entries (dict "name" "AUTOMATION_CONNECTORS_SMS_TWILIO_AUTH_TOKEN" "secret" $sms.twilio.authTokenSecret) -}}
{{- end -}}
{{- end -}}
{{- range $entries }}
{{ include "channelmind.secretEnv" . }}
{{- end -}}
{{- end }}

{{/*
Plain settings of automation-service's mail and connectors, set into the config dict.
Fails the render when an enabled connector lacks a setting it needs, because the service would
start with that channel disabled. Argument: dict "config" <dict> "svc" <automationService values>.
*/}}
{{- define "channelmind.automationConfig" -}}
{{- $config := .config -}}
{{- $svc := .svc -}}
{{- $mail := $svc.mail -}}
{{- $_ := set $config "QUARKUS_MAILER_HOST" $mail.host -}}
{{- $_ := set $config "QUARKUS_MAILER_PORT" ($mail.port | toString) -}}
{{- $_ := set $config "QUARKUS_MAILER_FROM" $mail.from -}}
{{- $_ := set $config "QUARKUS_MAILER_TLS" ($mail.tls | toString) -}}
{{- $_ := set $config "QUARKUS_MAILER_START_TLS" $mail.startTls -}}
{{- if $mail.auth.enabled -}}
{{- if not $mail.auth.username -}}
{{- fail "automationService.mail.auth.username is empty but mail.auth.enabled is true; set the SMTP user name or disable mail.auth" -}}
{{- end -}}
{{- $_ := set $config "QUARKUS_MAILER_USERNAME" $mail.auth.username -}}
{{- end -}}
{{- $_ := set $config "AUTOMATION_MAIL_UNSUBSCRIBE_BASE_URL" $mail.unsubscribeBaseUrl -}}
{{- $_ := set $config "AUTOMATION_MAIL_MESSAGE_ID_DOMAIN" $mail.messageIdDomain -}}
{{- $_ := set $config "AUTOMATION_FEEDBACK_UNSUBSCRIBE_MAILBOX" $mail.unsubscribeMailbox -}}
{{- $_ := set $config "AUTOMATION_FEEDBACK_TRACKING_BASE_URL" $svc.feedback.trackingBaseUrl -}}
{{- $connectors := $svc.connectors -}}
{{- if $connectors.wecom.enabled -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_WECOM_MSGTYPE" $connectors.wecom.msgtype -}}
{{- end -}}
{{- if $connectors.dingtalk.enabled -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_DINGTALK_MSGTYPE" $connectors.dingtalk.msgtype -}}
{{- end -}}
{{- if $connectors.webhook.enabled -}}
{{- if not $connectors.webhook.url -}}
{{- fail "automationService.connectors.webhook.url is empty but the webhook connector is enabled; set the endpoint URL or set webhook.enabled to false" -}}
{{- end -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_WEBHOOK_URL" $connectors.webhook.url -}}
{{- end -}}
{{- $sms := $connectors.sms -}}
{{- if $sms.enabled -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_PROVIDER" $sms.provider -}}
{{- if eq $sms.provider "generic" -}}
{{- $generic := $sms.generic -}}
{{- if not $generic.url -}}
{{- fail "automationService.connectors.sms.generic.url is empty but sms is enabled with provider generic; set the SMS API URL, choose provider twilio, or set sms.enabled to false" -}}
{{- end -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_GENERIC_URL" $generic.url -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_GENERIC_FORMAT" $generic.format -}}
{{- if $generic.bodyTemplate -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_GENERIC_BODY_TEMPLATE" $generic.bodyTemplate -}}
{{- end -}}
{{- if $generic.from -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_GENERIC_FROM" $generic.from -}}
{{- end -}}
{{- if $generic.authHeader -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_GENERIC_AUTH_HEADER" $generic.authHeader -}}
{{- end -}}
{{- else -}}
{{- $twilio := $sms.twilio -}}
{{- if not (and $twilio.url $twilio.accountSid) -}}
{{- fail "automationService.connectors.sms.twilio.url and accountSid must both be set with provider twilio; set them, or set sms.enabled to false" -}}
{{- end -}}
{{- if not (or $twilio.from $twilio.messagingServiceSid) -}}
{{- fail "automationService.connectors.sms.twilio.from and messagingServiceSid are both empty; set the sender number (E.164) or a Messaging Service SID" -}}
{{- end -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_TWILIO_URL" $twilio.url -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_TWILIO_ACCOUNT_SID" $twilio.accountSid -}}
{{- if $twilio.from -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_TWILIO_FROM" $twilio.from -}}
{{- end -}}
{{- if $twilio.messagingServiceSid -}}
{{- $_ := set $config "AUTOMATION_CONNECTORS_SMS_TWILIO_MESSAGING_SERVICE_SID" $twilio.messagingServiceSid -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end }}
