{{/*
Values keys of the five services, in data-flow order. Every per-service template ranges over
this list, so the rendered output has a stable order.
*/}}
{{- define "channelmind.serviceKeys" -}}
ingestionService profileService contentService channelOptimizer automationService
{{- end }}

{{/* Name prefix of every object: the release name, plus "-channelmind" unless it already says so. */}}
{{- define "channelmind.prefix" -}}
{{- if contains "channelmind" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-channelmind" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end }}

{{/* Component name of a service from its values key: ingestionService -> ingestion-service. */}}
{{- define "channelmind.componentName" -}}
{{- kebabcase . -}}
{{- end }}

{{/* Object name of a service. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.fullname" -}}
{{- printf "%s-%s" (include "channelmind.prefix" .root) (include "channelmind.componentName" .key) | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{/* Labels that select the pods of one service. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.selectorLabels" -}}
app.kubernetes.io/name: {{ include "channelmind.componentName" .key }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Labels of every object of one service. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.labels" -}}
{{ include "channelmind.selectorLabels" . }}
app.kubernetes.io/component: {{ include "channelmind.componentName" .key }}
app.kubernetes.io/part-of: channelmind
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* Image reference of one service. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.image" -}}
{{- $svc := index .root.Values .key -}}
{{- $tag := $svc.image.tag | default .root.Values.global.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.global.image.registry $svc.image.repository $tag -}}
{{- end }}

{{/* In-cluster base URL of one service. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.serviceUrl" -}}
{{- printf "http://%s:80" (include "channelmind.fullname" .) -}}
{{- end }}

{{/*
Plain (non-secret) environment of one service, as YAML key: value lines for its ConfigMap.
The names are the environment forms of the keys in each service's application.properties.
Argument: dict "root" $ "key" <values key>.
*/}}
{{- define "channelmind.config" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values .key -}}
{{- $pg := $root.Values.global.postgresql -}}
{{- $db := $svc.database -}}
{{- $config := dict -}}
{{- $_ := set $config "QUARKUS_HTTP_PORT" ($root.Values.global.httpPort | toString) -}}
{{- $_ := set $config "QUARKUS_PROFILE" (ternary "prod,kubernetes" "prod" $root.Values.observability.jsonLogs) -}}
{{- $tracing := $root.Values.observability.tracing -}}
{{- if $tracing.otlpEndpoint -}}
{{- $_ := set $config "QUARKUS_OTEL_SDK_DISABLED" "false" -}}
{{- $_ := set $config "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT" $tracing.otlpEndpoint -}}
{{- $_ := set $config "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL" $tracing.protocol -}}
{{- end -}}
{{- $_ := set $config "KAFKA_BOOTSTRAP_SERVERS" (include "channelmind.kafkaBootstrapServers" $root) -}}
{{- with $root.Values.global.egressAllowList -}}
{{- $_ := set $config "CHANNELMIND_EGRESS_ALLOW_LIST" (join "," .) -}}
{{- end -}}
{{- $_ := set $config "CHANNELMIND_AUTH_ISSUER" $root.Values.global.auth.issuer -}}
{{- $_ := set $config "CHANNELMIND_AUTH_AUDIENCE" $root.Values.global.auth.audience -}}
{{- with $root.Values.global.auth.providerUrl -}}
{{- $_ := set $config "QUARKUS_OIDC_AUTH_SERVER_URL" . -}}
{{- end -}}
{{- if $root.Values.postgresql.cloudNativePG.enabled -}}
{{- if or $db.reactiveUrl $db.jdbcUrl -}}
{{- fail (printf "%s.database.jdbcUrl and reactiveUrl must be empty with postgresql.cloudNativePG.enabled, because the service then connects to its CloudNativePG Cluster; clear them or disable cloudNativePG" .key) -}}
{{- end -}}
{{- $host := printf "%s-rw" (include "channelmind.databaseClusterName" .) -}}
{{- $_ := set $config "QUARKUS_DATASOURCE_REACTIVE_URL" (printf "postgresql://%s:5432/%s" $host $db.name) -}}
{{- $_ := set $config "QUARKUS_DATASOURCE_JDBC_URL" (printf "jdbc:postgresql://%s:5432/%s" $host $db.name) -}}
{{- else -}}
{{- $_ := set $config "QUARKUS_DATASOURCE_REACTIVE_URL" ($db.reactiveUrl | default (printf "postgresql://%s:%v/%s" $pg.host $pg.port $db.name)) -}}
{{- $_ := set $config "QUARKUS_DATASOURCE_JDBC_URL" ($db.jdbcUrl | default (printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port $db.name)) -}}
{{- end -}}
{{- $_ := set $config "QUARKUS_DATASOURCE_USERNAME" $db.username -}}
{{- if eq .key "contentService" -}}
{{- if $svc.llm.baseUrl -}}
{{- $_ := set $config "OPENAI_BASE_URL" $svc.llm.baseUrl -}}
{{- end -}}
{{- $_ := set $config "OPENAI_MODEL" $svc.llm.model -}}
{{- $_ := set $config "OPENAI_TIMEOUT" $svc.llm.timeout -}}
{{- end -}}
{{- if eq .key "automationService" -}}
{{- include "channelmind.automationConfig" (dict "config" $config "svc" $svc) -}}
{{- $_ := set $config "QUARKUS_REST_CLIENT_PROFILE_SERVICE_URL" (include "channelmind.serviceUrl" (dict "root" $root "key" "profileService")) -}}
{{- $_ := set $config "QUARKUS_REST_CLIENT_CONTENT_SERVICE_URL" (include "channelmind.serviceUrl" (dict "root" $root "key" "contentService")) -}}
{{- $_ := set $config "QUARKUS_REST_CLIENT_CHANNEL_OPTIMIZER_URL" (include "channelmind.serviceUrl" (dict "root" $root "key" "channelOptimizer")) -}}
{{- end -}}
{{- if and (eq .key "channelOptimizer") $svc.interestEmbedding.enabled -}}
{{- $_ := set $config "CHANNELMIND_OPTIMIZER_PROFILE_SERVICE_URL" (include "channelmind.serviceUrl" (dict "root" $root "key" "profileService")) -}}
{{- end -}}
{{- range $name, $value := $svc.config -}}
{{- $_ := set $config $name ($value | toString) -}}
{{- end -}}
{{- range $name, $value := $config }}
{{ $name }}: {{ $value | quote }}
{{- end -}}
{{- end }}

{{/*
Services that call a service over REST, as values keys separated by spaces. automation-service
calls the three others, and channel-optimizer reads profile-service's interest export when
channelOptimizer.interestEmbedding.enabled. Argument: dict "root" $ "key" <values key of the called service>.
*/}}
{{- define "channelmind.callers" -}}
{{- $callers := list -}}
{{- if has .key (list "profileService" "contentService" "channelOptimizer") -}}
{{- $callers = append $callers "automationService" -}}
{{- end -}}
{{- if and (eq .key "profileService") .root.Values.channelOptimizer.interestEmbedding.enabled -}}
{{- $callers = append $callers "channelOptimizer" -}}
{{- end -}}
{{- join " " $callers -}}
{{- end }}

{{/* Services that a service calls over REST, as values keys separated by spaces. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.callees" -}}
{{- if eq .key "automationService" -}}
profileService contentService channelOptimizer
{{- else if and (eq .key "channelOptimizer") .root.Values.channelOptimizer.interestEmbedding.enabled -}}
profileService
{{- end -}}
{{- end }}

{{/* Name of the Strimzi Kafka cluster. Argument: the root context. */}}
{{- define "channelmind.kafkaClusterName" -}}
{{- printf "%s-kafka" (include "channelmind.prefix" .) -}}
{{- end }}

{{/*
Kafka bootstrap servers of every service: the Strimzi cluster's bootstrap Service (plain
listener, port 9092) when kafka.strimzi.enabled, else global.kafka.bootstrapServers.
Argument: the root context.
*/}}
{{- define "channelmind.kafkaBootstrapServers" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" (include "channelmind.kafkaClusterName" .) -}}
{{- else -}}
{{- .Values.global.kafka.bootstrapServers -}}
{{- end -}}
{{- end }}

{{/* Name of a service's CloudNativePG Cluster. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.databaseClusterName" -}}
{{- printf "%s-db" (include "channelmind.fullname" .) -}}
{{- end }}

{{/*
Secret key reference of a service's database password, as YAML: the Secret <cluster>-app that
CloudNativePG generates, or database.passwordSecret. Argument: dict "root" $ "key" <values key>.
*/}}
{{- define "channelmind.databasePasswordRef" -}}
{{- if .root.Values.postgresql.cloudNativePG.enabled -}}
name: {{ include "channelmind.databaseClusterName" . }}-app
key: password
{{- else -}}
{{- $secret := (index .root.Values .key).database.passwordSecret -}}
name: {{ $secret.name }}
key: {{ $secret.key }}
{{- end -}}
{{- end }}

{{/*
Kafka consumer groups of a service, as set by group.id and auto.offset.reset in its
application.properties: one line per group, "<group> <auto.offset.reset> <topic>,<topic>", empty
for services that consume nothing. KEDA needs the offset reset to count the lag of a group without
committed offsets; automation-service's journey triggers start at the latest offset, so a new
deployment does not replay history into journeys. Argument: the values key.
*/}}
{{- define "channelmind.consumerGroups" -}}
{{- if eq . "ingestionService" -}}
ingestion-service earliest cm.privacy-requests
{{- else if eq . "profileService" -}}
profile-service earliest cm.customer-events,cm.deliveries
profile-service-offers earliest cm.offers
profile-service-privacy earliest cm.privacy-confirmations
{{- else if eq . "contentService" -}}
content-service earliest cm.deliveries
content-service-privacy earliest cm.privacy-requests
{{- else if eq . "channelOptimizer" -}}
channel-optimizer earliest cm.customer-events,cm.segment-membership,cm.spend
channel-optimizer-deliveries earliest cm.deliveries
channel-optimizer-privacy earliest cm.privacy-requests
{{- else if eq . "automationService" -}}
automation-service-budget-plans earliest cm.budget-plans
automation-service-consent earliest cm.consent-changes
automation-service-journeys latest cm.customer-events,cm.segment-membership
automation-service-merges earliest cm.profile-merged
automation-service-privacy earliest cm.privacy-requests
{{- end -}}
{{- end }}

{{/* True (non-empty) when a service is scaled by KEDA. Argument: dict "root" $ "key" <values key>. */}}
{{- define "channelmind.kedaEnabled" -}}
{{- $svc := index .root.Values .key -}}
{{- if and $svc.keda $svc.keda.enabled -}}
true
{{- end -}}
{{- end }}

{{/* Fails the render when a Capabilities API is missing. Argument: dict "root" $ "api" <group/version/kind> "value" <values key that needs it> "install" <what provides it>. */}}
{{- define "channelmind.requireApi" -}}
{{- if not (.root.Capabilities.APIVersions.Has .api) -}}
{{- fail (printf "%s is true, but the cluster has no %s API. Install %s, set %s to false, or pass --api-versions %s to helm template." .value .api .install .value .api) -}}
{{- end -}}
{{- end }}
