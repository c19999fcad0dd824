#include "urlencodedform.h"

#include "textdecoder.h"

#include "http/syntax.h"

namespace Payload {

namespace {

// WHATWG URL §5.1 reads form bytes as "UTF-8 decode without BOM": a leading EF BB BF stays.
QString decodeFormBytes(const QByteArray &bytes, QByteArrayView charset)
{
    if (charset.trimmed().isEmpty() || charset.trimmed().compare("utf-8", Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(bytes);
    return decodeText(bytes, charset).text;
}

} // namespace

QByteArray percentDecode(QByteArrayView text, bool plusIsSpace, bool *malformed)
{
    QByteArray out;
    out.reserve(text.size());
    bool bad = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+' && plusIsSpace) {
            out += ' ';
        } else if (c == '%') {
            const int hi = i + 2 < text.size() ? Http::Syntax::hexValue(text[i + 1]) : -1;
            const int lo = hi >= 0 ? Http::Syntax::hexValue(text[i + 2]) : -1;
            if (lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
            } else {
                out += c; // WHATWG URL §1.3 percent-decode: a lone '%' stays
                bad = true;
            }
        } else {
            out += c;
        }
    }
    if (malformed)
        *malformed = bad;
    return out;
}

QList<FormField> parseUrlEncodedForm(QByteArrayView body, QByteArrayView charset)
{
    QList<FormField> fields;
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf('&', start);
        if (end < 0)
            end = body.size();
        const QByteArrayView piece = body.sliced(start, end - start);
        if (!piece.isEmpty()) {
            FormField f;
            f.offset = start;
            const qsizetype eq = piece.indexOf('=');
            f.hasEquals = eq >= 0;
            f.rawName = (f.hasEquals ? piece.first(eq) : piece).toByteArray();
            f.rawValue = f.hasEquals ? piece.sliced(eq + 1).toByteArray() : QByteArray();
            bool badName = false;
            bool badValue = false;
            f.name = decodeFormBytes(percentDecode(f.rawName, true, &badName), charset);
            f.value = decodeFormBytes(percentDecode(f.rawValue, true, &badValue), charset);
            f.malformed = badName || badValue;
            fields.append(std::move(f));
        }
        start = end + 1;
    }
    return fields;
}

} // namespace Payload
