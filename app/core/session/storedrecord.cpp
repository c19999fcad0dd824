#include "storedrecord.h"
#include "jsontext.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <iterator>

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
    if (record.tls)
        flags |= FlagTls;
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

QByteArray encodeSignatureDetail(const Signing::Result &result)
{
    QJsonObject o;
    if (result.skewSeconds != 0)
        o.insert(QLatin1String("skew"), result.skewSeconds);
    if (!result.secretLabel.isEmpty())
        o.insert(QLatin1String("secret"), result.secretLabel);
    if (!result.detail.isEmpty())
        o.insert(QLatin1String("detail"), result.detail);
    return o.isEmpty() ? QByteArray() : QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Signing::Result decodeSignature(const QString &scheme, int verdict, QByteArrayView detail)
{
    Signing::Result r;
    r.scheme = scheme;
    r.verdict = verdict >= 0 && verdict <= int(Signing::Verdict::MissingHeader) ? Signing::Verdict(verdict)
                                                                                : Signing::Verdict::NotChecked;
    if (!detail.isEmpty()) {
        const QJsonObject o = QJsonDocument::fromJson(detail.toByteArray()).object();
        r.skewSeconds = qint64(o.value(QLatin1String("skew")).toDouble());
        r.secretLabel = o.value(QLatin1String("secret")).toString();
        r.detail = o.value(QLatin1String("detail")).toString();
    }
    return r;
}

void appendTlsInfo(QByteArray &out, const Http::TlsInfo &info, bool nulls)
{
    const QString *values[] = {&info.version, &info.cipher, &info.serverName, &info.alpn};
    const char *keys[] = {"version", "cipher", "sni", "alpn"};
    out += '{';
    bool first = true;
    for (size_t i = 0; i < std::size(keys); ++i) {
        if (values[i]->isEmpty() && !nulls)
            continue;
        out += first ? "\"" : ",\"";
        out += keys[i];
        out += "\":";
        if (values[i]->isEmpty())
            out += "null";
        else
            appendUtf8JsonString(out, values[i]->toUtf8());
        first = false;
    }
    out += '}';
}

QByteArray encodeTlsInfo(const Http::TlsInfo &info)
{
    QByteArray out;
    if (hasTlsInfo(info))
        appendTlsInfo(out, info, false);
    return out;
}

Http::TlsInfo decodeTlsInfo(QByteArrayView json)
{
    Http::TlsInfo info;
    if (json.isEmpty())
        return info;
    const QJsonObject o = QJsonDocument::fromJson(json.toByteArray()).object();
    info.version = o.value(QLatin1String("version")).toString();
    info.cipher = o.value(QLatin1String("cipher")).toString();
    info.serverName = o.value(QLatin1String("sni")).toString();
    info.alpn = o.value(QLatin1String("alpn")).toString();
    return info;
}

} // namespace Session::Stored
