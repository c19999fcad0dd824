#pragma once

#include "capturedrequest.h"
#include "jsontext.h"

#include <QByteArray>

namespace Session {

/**
 * One captured request as one line of JSON (NDJSON), the format of `listen --json` and
 * `export --ndjson`. Header names and values are strings: UTF-8 when the bytes are valid UTF-8,
 * otherwise each byte maps to the code point of the same value (Latin-1), so nothing is lost.
 * The body is base64 of the exact bytes after de-chunking. The line ends in '\n'.
 */
QByteArray toNdjsonLine(const CapturedRequest &request);

} // namespace Session
