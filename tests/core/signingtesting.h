#pragma once

// Helpers the signing tests share: requests as a receiver sees them, configs of one secret.

#include "http/requestreader.h"
#include "signing/signing.h"

namespace SigningTesting {

/// A request as RequestReader delivers it: POST `target`, the Host header, `headers` in order,
/// then the body.
inline Http::Request request(const Http::HeaderList &headers, const QByteArray &body,
                             const QByteArray &target = "/hook", const QByteArray &host = "127.0.0.1:8080")
{
    QByteArray head = "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return Http::RequestReader::restore(head, body, {});
}

inline Signing::Secret secret(const QString &scheme, const QByteArray &value, const QString &label = {},
                              const QString &pathPattern = {})
{
    return {scheme, value, pathPattern, label};
}

inline Signing::Config config(const QList<Signing::Secret> &secrets, const QString &publicUrl = {})
{
    Signing::Config c;
    c.secrets = secrets;
    c.publicUrl = publicUrl;
    return c;
}

/// The headers with every value that contains `from` rewritten to contain `to` instead.
inline Http::HeaderList replaced(Http::HeaderList headers, const QByteArray &from, const QByteArray &to)
{
    for (auto &header : headers)
        header.second.replace(from, to);
    return headers;
}

/// The headers with the named one's value set (added when absent) or, with a null value, removed.
inline Http::HeaderList withHeader(Http::HeaderList headers, const QByteArray &name, const QByteArray &value)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers.at(i).first.compare(name, Qt::CaseInsensitive) == 0) {
            if (value.isNull())
                headers.removeAt(i);
            else
                headers[i].second = value;
            return headers;
        }
    }
    if (!value.isNull())
        headers.append({name, value});
    return headers;
}

} // namespace SigningTesting
