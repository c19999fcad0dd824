#include "multipart.h"

#include "contentsniffer.h"
#include "urlencodedform.h"

#include <QByteArrayMatcher>
#include <QCoreApplication>
#include <QStringDecoder>

namespace Payload {

namespace {

enum class Delimiter { None, Next, Close };

// The bytes after "--boundary" decide what the line is: "--" closes, optional padding and a
// line break continue; anything else means the boundary text was just part of the data.
// `end` is set past the delimiter line (or past "--" for a close delimiter).
Delimiter delimiterAt(QByteArrayView body, qsizetype afterDash, qsizetype &end)
{
    qsizetype i = afterDash;
    if (i + 1 < body.size() && body[i] == '-' && body[i + 1] == '-') {
        end = i + 2;
        return Delimiter::Close;
    }
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t'))
        ++i;
    if (i < body.size() && body[i] == '\n') {
        end = i + 1;
        return Delimiter::Next;
    }
    if (i + 1 < body.size() && body[i] == '\r' && body[i + 1] == '\n') {
        end = i + 2;
        return Delimiter::Next;
    }
    return Delimiter::None;
}

// RFC 8187 §3.2: charset'language'percent-encoded. UTF-8 and ISO-8859-1 must be supported;
// others go through QStringDecoder when Qt knows them.
QString decodeExtValue(const QByteArray &v)
{
    const qsizetype q1 = v.indexOf('\'');
    const qsizetype q2 = q1 >= 0 ? v.indexOf('\'', q1 + 1) : -1;
    if (q2 < 0)
        return QString::fromUtf8(percentDecode(v, false));
    const QByteArray charset = v.first(q1);
    const QByteArray bytes = percentDecode(QByteArrayView(v).sliced(q2 + 1), false);
    QStringDecoder decoder(charset.isEmpty() ? "UTF-8" : charset.constData(), QStringConverter::Flag::Stateless);
    return decoder.isValid() ? decoder.decode(bytes) : QString::fromUtf8(bytes);
}

void readDisposition(MultipartPart &part)
{
    const QByteArray cd = part.header("content-disposition");
    if (cd.isNull())
        return;
    const MediaType v = parseMediaType(cd);
    part.disposition = v.value;
    // RFC 7578 §5.1.3: field names and filenames may be UTF-8 as they stand.
    part.name = QString::fromUtf8(v.parameter("name"));
    for (const auto &p : v.parameters) {
        if (p.first == "filename*") { // RFC 6266 §4.3: filename* wins over filename
            part.filename = decodeExtValue(p.second);
            part.hasFilename = true;
            return;
        }
    }
    for (const auto &p : v.parameters) {
        if (p.first == "filename") {
            part.filename = QString::fromUtf8(p.second);
            part.hasFilename = true;
            return;
        }
    }
}

} // namespace

QByteArray MultipartPart::header(QByteArrayView wanted) const
{
    for (const MultipartHeader &h : headers) {
        if (wanted.compare(h.name, Qt::CaseInsensitive) == 0)
            return h.value.isNull() ? QByteArray("") : h.value;
    }
    return {};
}

MultipartResult parseMultipart(QByteArrayView body, QByteArrayView boundary)
{
    MultipartResult result;
    auto fail = [&](qsizetype offset, QString reason) {
        result.error = ParseError::at(body, offset, std::move(reason));
        return result;
    };
    if (boundary.isEmpty())
        return fail(0, QCoreApplication::translate(
                           "Payload::Multipart", "no multipart boundary: the Content-Type has no boundary parameter"));

    const QByteArray dash = "--" + boundary.toByteArray();
    const QByteArray lineDash = '\n' + dash;
    const QByteArrayMatcher matcher(lineDash);
    const QString closeText = QString::fromLatin1(dash) + QLatin1StringView("--");

    // Finds the next real delimiter whose "\n--boundary" starts at or after `from`. Returns the
    // offset of the LF (or -1 for one at the very start of the body).
    auto findDelimiter = [&](qsizetype from, Delimiter &kind, qsizetype &lineEnd) -> qsizetype {
        for (qsizetype at = from; at <= body.size();) {
            const qsizetype hit = matcher.indexIn(body.data(), body.size(), at);
            if (hit < 0)
                return -2;
            kind = delimiterAt(body, hit + lineDash.size(), lineEnd);
            if (kind != Delimiter::None)
                return hit;
            at = hit + 1;
        }
        return -2;
    };

    Delimiter kind = Delimiter::None;
    qsizetype lineEnd = 0;
    qsizetype first = -2;
    if (body.startsWith(dash)) {
        kind = delimiterAt(body, dash.size(), lineEnd);
        if (kind != Delimiter::None)
            first = -1;
    }
    if (first == -2)
        first = findDelimiter(0, kind, lineEnd);
    if (first == -2)
        return fail(0, QCoreApplication::translate("Payload::Multipart", "the boundary '%1' does not occur in the body")
                           .arg(QString::fromLatin1(dash)));
    if (first > 0)
        result.preamble = body.first(first > 0 && body[first - 1] == '\r' ? first - 1 : first).toByteArray();

    while (kind == Delimiter::Next) {
        MultipartPart part;
        part.offset = lineEnd;
        // Header lines up to an empty line (RFC 2046 §5.1.1 body-part = MIME-part-headers [CRLF *OCTET]).
        qsizetype pos = lineEnd;
        qsizetype bodyStart = -1;
        while (bodyStart < 0) {
            const qsizetype nl = body.indexOf('\n', pos);
            QByteArrayView line = body.sliced(pos, (nl < 0 ? body.size() : nl) - pos);
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.startsWith(dash))
                return fail(pos, QCoreApplication::translate("Payload::Multipart",
                                                             "part %1 has no empty line after its headers")
                                     .arg(result.parts.size() + 1));
            if (nl < 0) {
                result.parts.append(part);
                result.parts.last().complete = false;
                return fail(body.size(), QCoreApplication::translate("Payload::Multipart",
                                                                     "the body ends inside the headers of part %1")
                                             .arg(result.parts.size()));
            }
            if (line.isEmpty()) {
                bodyStart = nl + 1;
            } else if ((line.front() == ' ' || line.front() == '\t') && !part.headers.isEmpty()) {
                // RFC 5322 §3.2.2 obsolete folding: a continuation of the previous field.
                MultipartHeader &h = part.headers.last();
                h.value += ' ';
                h.value += line.trimmed();
            } else {
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    return fail(pos, QCoreApplication::translate("Payload::Multipart",
                                                                 "a header line of part %1 has no name and ':'")
                                         .arg(result.parts.size() + 1));
                part.headers.append({line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
            }
            pos = nl + 1;
        }
        part.bodyOffset = bodyStart;
        readDisposition(part);
        part.contentType = part.header("content-type");
        // From the header block's own LF, so an empty body directly followed by the delimiter
        // (a missing CRLF, as some senders write it) still ends the part.
        const qsizetype next = findDelimiter(bodyStart - 1, kind, lineEnd);
        if (next == -2) {
            part.body = body.sliced(bodyStart).toByteArray();
            part.complete = false;
            result.parts.append(part);
            return fail(body.size(), QCoreApplication::translate("Payload::Multipart",
                                                                 "the body ends without the closing boundary '%1'")
                                         .arg(closeText));
        }
        // The line break before the delimiter belongs to the delimiter (RFC 2046 §5.1.1).
        qsizetype bodyEnd = next;
        if (bodyEnd > bodyStart && body[bodyEnd - 1] == '\r')
            --bodyEnd;
        part.body = body.sliced(bodyStart, qMax<qsizetype>(bodyEnd - bodyStart, 0)).toByteArray();
        result.parts.append(std::move(part));
    }
    // Close delimiter: the rest of its line (padding) and the epilogue follow.
    qsizetype rest = lineEnd;
    while (rest < body.size() && (body[rest] == ' ' || body[rest] == '\t'))
        ++rest;
    if (rest < body.size() && body[rest] == '\r')
        ++rest;
    if (rest < body.size() && body[rest] == '\n')
        ++rest;
    result.epilogue = body.sliced(qMin(rest, body.size())).toByteArray();
    return result;
}

} // namespace Payload
