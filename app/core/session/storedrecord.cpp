#include "storedrecord.h"

namespace Session::Stored {

QByteArray encodeHeaders(const Http::HeaderList &headers)
{
    QByteArray out;
    for (const auto &[name, value] : headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    return out;
}

Http::HeaderList decodeHeaders(QByteArrayView encoded)
{
    Http::HeaderList headers;
    qsizetype pos = 0;
    while (pos < encoded.size()) {
        qsizetype end = encoded.indexOf("\r\n", pos);
        if (end < 0)
            end = encoded.size();
        const QByteArrayView line = encoded.sliced(pos, end - pos);
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            headers.append({line.first(colon).toByteArray(), line.sliced(colon + 2).toByteArray()});
        pos = end + 2;
    }
    return headers;
}

qint64 flagsOf(const CapturedRequest &record)
{
    qint64 flags = record.request.warningFlags();
    if (record.rejected)
        flags |= FlagRejected;
    if (record.request.isChunked())
        flags |= FlagChunked;
    return flags;
}

QByteArray contentTypeOf(const Http::Request &request)
{
    QByteArrayView type = request.headerValue("Content-Type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type = type.first(semicolon);
    return type.trimmed().toByteArray().toLower();
}

} // namespace Session::Stored
