#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Session {

/// Appends `bytes` as a JSON string literal (RFC 8259): as UTF-8 when the bytes are valid UTF-8,
/// otherwise with each byte mapped to the code point of the same value (Latin-1), so the bytes can
/// always be recovered. Control characters and DEL are escaped.
void appendJsonString(QByteArray &out, QByteArrayView bytes);

/// appendJsonString() for bytes already known to be valid UTF-8: skips the check.
void appendUtf8JsonString(QByteArray &out, QByteArrayView utf8);

} // namespace Session
