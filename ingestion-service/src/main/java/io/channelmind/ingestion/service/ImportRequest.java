package io.channelmind.ingestion.service;

import java.io.InputStream;

/**
 * An import request as received: the raw query parameters and headers, and the unread body.
 *
 * @param charset the charset query parameter, which overrides the mapping's charset, or null
 * @param contentType the Content-Type header, or null
 * @param contentEncoding the Content-Encoding header, or null
 */
public record ImportRequest(String mapping, String onError, String charset, String contentType, String contentEncoding, InputStream body) {
}
