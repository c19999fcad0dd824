#pragma once

#include "capturedrequest.h"

namespace Session {

/// Bits of requests.flags above the reader's warning flags (which use the low 32 bits).
enum StoredFlag : qint64 {
    FlagRejected = qint64(1) << 40,
    FlagChunked = qint64(1) << 41,
    /// Came over TLS (the tls column). Files before schema version 6 kept it only there: readers
    /// of summary rows take it from the column too (kFlagsWithTls).
    FlagTls = qint64(1) << 42,
};

/// SQL for the flags of a `requests r` row with FlagTls worked out from r.tls, whatever the
/// file's version.
inline constexpr char kFlagsWithTls[] = "(r.flags | (r.tls << 42))";
static_assert(FlagTls == qint64(1) << 42, "kFlagsWithTls shifts by the same");

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
/// Whether anything of a TLS handshake is known (a failed one may have left only the server name).
inline bool hasTlsInfo(const Http::TlsInfo &info)
{
    return info != Http::TlsInfo();
}
/// tls_info: compact JSON {"version":..,"cipher":..,"sni":..,"alpn":..} without the empty
/// members; empty when nothing is known. HAR's `_hookscope.tls_info` is the same object.
QByteArray encodeTlsInfo(const Http::TlsInfo &info);
/// The object itself, appended: without the empty members, or (`nulls`) with them as null, as
/// NDJSON has it.
void appendTlsInfo(QByteArray &out, const Http::TlsInfo &info, bool nulls);
Http::TlsInfo decodeTlsInfo(QByteArrayView json);
} // namespace Stored

} // namespace Session
