package io.channelmind.ingestion.service;

import java.nio.charset.Charset;

import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.OnError;
import io.channelmind.ingestion.input.InputFormat;

/** How to read the body of one import, as checked when it was submitted. */
record ImportInput(MappingDefinition mapping, OnError onError, InputFormat format, Charset charset, boolean gzipDeclared) {
}
