#pragma once

#include "capturedrequest.h"

namespace Session {

/// Bits of requests.flags above the reader's warning flags (which use the low 32 bits).
enum StoredFlag : qint64 {
    FlagRejected = qint64(1) << 40,
    FlagChunked = qint64(1) << 41,
};

/// How a record's columns are spelled in the session file.
namespace Stored {
/// "Name: value\r\n" per header, in order.
QByteArray encodeHeaders(const Http::HeaderList &headers);
Http::HeaderList decodeHeaders(QByteArrayView encoded);
qint64 flagsOf(const CapturedRequest &record);
/// The Content-Type of a request without parameters, lower-cased: what the table shows.
QByteArray contentTypeOf(const Http::Request &request);
/// signature_detail: the parts of a signature result beside its scheme and verdict, as compact
/// JSON ({"skew":..,"secret":..,"detail":..}); empty when there are none.
QByteArray encodeSignatureDetail(const Signing::Result &result);
/// The result from its three columns.
Signing::Result decodeSignature(const QString &scheme, int verdict, QByteArrayView detail);
} // namespace Stored

} // namespace Session
