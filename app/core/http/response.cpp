#include "response.h"
#include "request.h"
#include "syntax.h"

#include <QDateTime>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace Http {

QByteArray Response::standardReason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 203:
        return "Non-Authoritative Information";
    case 204:
        return "No Content";
    case 205:
        return "Reset Content";
    case 206:
        return "Partial Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 418:
        return "I'm a teapot";
    case 421:
        return "Misdirected Request";
    case 422:
        return "Unprocessable Content";
    case 425:
        return "Too Early";
    case 426:
        return "Upgrade Required";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 451:
        return "Unavailable For Legal Reasons";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        break;
    }
    return "Unknown";
}

Response Response::error(int status, const QString &reason)
{
    Response r;
    r.status = status;
    r.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    r.body = reason.toUtf8() + '\n';
    return r;
}

QByteArray httpDate()
{
    // One formatting per second per thread, not one per response.
    thread_local std::time_t cachedSecond = 0;
    thread_local QByteArray cached;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[40];
        std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
                      months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        cached = QByteArray(buf);
        cachedSecond = now;
    }
    return cached;
}

// A header the user typed must never split the answer: no CR, LF or NUL, and a name that is a token.
static bool isSafeField(QByteArrayView name, QByteArrayView value)
{
    if (!Syntax::isToken(name))
        return false;
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

QByteArray Response::serialize(bool headRequest, bool close, bool http10KeepAlive) const
{
    // RFC 9110 §6.4.1: 1xx, 204 and 304 carry no content.
    const bool noContent = (status >= 100 && status < 200) || status == 204 || status == 304;
    QByteArray out;
    out.reserve(128 + body.size() + headers.size() * 48);
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reason.isEmpty() ? standardReason(status) : reason;
    out += "\r\n";
    // RFC 9110 §6.6.1: an origin server with a clock sends Date; a user's own Date wins.
    const bool userDate =
        std::any_of(headers.cbegin(), headers.cend(), [](const auto &h) { return equalsIgnoreCase(h.first, "Date"); });
    if (!userDate) {
        out += "Date: ";
        out += httpDate();
        out += "\r\n";
    }
    for (const auto &[name, value] : headers) {
        if (equalsIgnoreCase(name, "Content-Length") || equalsIgnoreCase(name, "Transfer-Encoding") ||
            equalsIgnoreCase(name, "Connection") || !isSafeField(name, value))
            continue;
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    if (!noContent) {
        out += "Content-Length: ";
        out += QByteArray::number(body.size());
        out += "\r\n";
    }
    if (close)
        out += "Connection: close\r\n";
    else if (http10KeepAlive)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!noContent && !headRequest)
        out += body;
    return out;
}

} // namespace Http
