// Terms from words: what each field accepts, and the sentence that says so when it does not.

#include "filterword.h"

#include "http/request.h"
#include "http/syntax.h"
#include "session/storedrecord.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace Session::FilterDetail {

namespace {

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

struct FieldInfo
{
    const char *name;
    Field field;
    const char *example;
};

// In the order the "fields are ..." message lists them.
constexpr FieldInfo kFields[] = {
    {"method", Field::Method, "method:POST"},
    {"status", Field::Status, "status:>=400"},
    {"path", Field::Path, "path:/hooks/*"},
    {"header", Field::Header, "header:X-GitHub-Event=push"},
    {"body", Field::Body, "body:\"main\""},
    {"type", Field::Type, "type:json"},
    {"size", Field::Size, "size:>1k"},
    {"id", Field::Id, "id:100..200"},
    {"remote", Field::Remote, "remote:127.0.0.1"},
    {"rejected", Field::Rejected, "rejected:yes"},
    {"chunked", Field::Chunked, "chunked:yes"},
    {"tls", Field::Tls, "tls:yes"},
    {"warning", Field::Warning, "warning:missing-host"},
    {"signature", Field::Signature, "signature:invalid"},
    {"event", Field::Event, "event:pull_request.*"},
    {"col", Field::Column, "col:Delivery=72d3*"},
};

/// Optimal string alignment distance: edits, with a swap of neighbours counting as one.
int editDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                              d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = v;
        }
    }
    return d[size_t(n)][size_t(m)];
}

/// The closest candidate within two edits (and closer than the word or the candidate is long), or
/// empty.
QString closest(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = 3;
    for (const QString &c : candidates) {
        const int d = editDistance(word, c);
        // "foo" is two edits from "col": a short candidate must be nearer than that.
        if (d < bestDistance && d < word.size() && d < std::max<qsizetype>(c.size() - 1, 2)) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

QStringList warningNames()
{
    QStringList names;
    for (int bit = 0; bit < 32; ++bit) {
        const QString name = Http::Request::warningName(static_cast<Http::Warning>(quint32(1) << bit));
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    out.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

/// A value in canonical form: in quotes when spaces or parentheses would split it. `escaped`
/// already has its backslashes (see Glob::toString).
QString canonicalValue(const QString &escaped)
{
    for (QChar c : escaped) {
        if (c.isSpace() || c == QLatin1Char('(') || c == QLatin1Char(')'))
            return QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    return escaped;
}

QString canonicalValue(const Glob &glob)
{
    return canonicalValue(glob.toString());
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool parseInteger(QStringView s, qint64 *out)
{
    if (s.isEmpty() || s.size() > 18)
        return false;
    qint64 v = 0;
    for (QChar c : s) {
        if (!isDigit(c))
            return false;
        v = v * 10 + (c.unicode() - '0');
    }
    *out = v;
    return true;
}

/// 512, 10k, 1.5MiB: powers of 1024, as the table shows sizes.
bool parseSize(QStringView s, qint64 *out)
{
    qsizetype i = 0;
    while (i < s.size() && (isDigit(s[i]) || s[i] == QLatin1Char('.')))
        ++i;
    bool ok = false;
    const double number = s.first(i).toDouble(&ok);
    if (!ok || i == 0 || !isDigit(s[0]))
        return false;
    const QString unit = s.sliced(i).toString().toLower();
    double scale = 1;
    if (unit.isEmpty() || unit == QLatin1String("b"))
        scale = 1;
    else if (unit == QLatin1String("k") || unit == QLatin1String("kb") || unit == QLatin1String("kib"))
        scale = 1024.0;
    else if (unit == QLatin1String("m") || unit == QLatin1String("mb") || unit == QLatin1String("mib"))
        scale = 1024.0 * 1024;
    else if (unit == QLatin1String("g") || unit == QLatin1String("gb") || unit == QLatin1String("gib"))
        scale = 1024.0 * 1024 * 1024;
    else
        return false;
    const double bytes = std::round(number * scale);
    if (bytes >= 9e18)
        return false;
    *out = qint64(bytes);
    return true;
}

enum class RangeResult { Ok, Bad, Reversed, Empty };

/// N, =N, >N, >=N, <N, <=N, A..B, A.., ..B over non-negative numbers.
template<class Number>
RangeResult parseRange(QStringView v, Number number, Range *r)
{
    r->lo = 0;
    r->hi = kMax;
    qint64 n = 0;
    const auto after = [&v](qsizetype k) { return v.sliced(k); };
    if (v.startsWith(u">=")) {
        if (!number(after(2), &n))
            return RangeResult::Bad;
        r->lo = n;
    } else if (v.startsWith(u"<=")) {
        if (!number(after(2), &n))
            return RangeResult::Bad;
        r->hi = n;
    } else if (v.startsWith(u'>')) {
        if (!number(after(1), &n))
            return RangeResult::Bad;
        r->lo = n + 1;
    } else if (v.startsWith(u'<')) {
        if (!number(after(1), &n))
            return RangeResult::Bad;
        r->hi = n - 1;
    } else if (v.startsWith(u'=')) {
        if (!number(after(1), &n))
            return RangeResult::Bad;
        r->lo = r->hi = n;
    } else if (const qsizetype dots = v.indexOf(u".."); dots >= 0) {
        const QStringView a = v.first(dots);
        const QStringView b = v.sliced(dots + 2);
        if ((a.isEmpty() && b.isEmpty()) || (!a.isEmpty() && !number(a, &r->lo)) ||
            (!b.isEmpty() && !number(b, &r->hi)))
            return RangeResult::Bad;
        if (!a.isEmpty() && !b.isEmpty() && r->lo > r->hi)
            return RangeResult::Reversed;
    } else {
        if (!number(v, &n))
            return RangeResult::Bad;
        r->lo = r->hi = n;
    }
    return r->lo > r->hi ? RangeResult::Empty : RangeResult::Ok;
}

QString rangeText(const Range &r)
{
    if (r.lo == r.hi)
        return QString::number(r.lo);
    if (r.hi == kMax)
        return QString::number(r.lo) + QStringLiteral("..");
    return QString::number(r.lo) + QStringLiteral("..") + QString::number(r.hi);
}

class TermMaker
{
public:
    TermMaker(const CustomColumns &columns, FilterError *error)
        : m_columns(columns)
        , m_error(error)
    {
    }

    bool fail(qsizetype start, qsizetype end, const QString &message)
    {
        *m_error = {start, end - start, message};
        return false;
    }

    bool failValue(const Word &w, const QString &message) { return fail(w.valueStart, w.end, message); }

    bool make(const Word &w, Term &t)
    {
        if (w.field.isEmpty()) {
            if (w.text.isEmpty())
                return fail(w.start, w.end, Filter::tr("the quotes hold nothing to look for"));
            t.field = Field::Text;
            t.needle = Needle(w.text.toUtf8());
            t.canonical = quoted(w.text);
            return true;
        }
        const QString key = w.field.toLower();
        const FieldInfo *info = nullptr;
        QStringList names;
        for (const FieldInfo &f : kFields) {
            names.append(QLatin1String(f.name));
            if (key == QLatin1String(f.name))
                info = &f;
        }
        if (!info) {
            const QString suggestion = closest(key, names);
            return fail(w.fieldStart, w.fieldEnd,
                        suggestion.isEmpty()
                            ? Filter::tr("unknown field '%1' — fields are %2; put the word in quotes to search "
                                         "for it")
                                  .arg(w.field, names.join(QStringLiteral(", ")))
                            : Filter::tr("unknown field '%1' — did you mean %2?").arg(w.field, suggestion));
        }
        t.field = info->field;
        if (w.text.isEmpty())
            return fail(w.fieldStart, w.end,
                        Filter::tr("%1 needs a value, like %2").arg(key, QLatin1String(info->example)));
        switch (t.field) {
        case Field::Method:
            return makeMethod(w, t);
        case Field::Status:
            return makeStatus(w, t);
        case Field::Size:
            return makeNumber(w, t, parseSize, "size",
                              Filter::tr("size needs a number of bytes like 512, 10k or 2m, a comparison "
                                         "like >1k or a range like 1k..64k"));
        case Field::Id:
            return makeNumber(w, t, parseInteger, "id",
                              Filter::tr("id needs a number, a comparison like >100 or a range like 100..200"));
        case Field::Path:
            t.glob = w.glob(0, w.text.size());
            t.canonical = QStringLiteral("path:") + canonicalValue(t.glob);
            return true;
        case Field::Column:
            return makeColumn(w, t);
        case Field::Event:
            t.glob = w.glob(0, w.text.size());
            t.canonical = QStringLiteral("event:") + canonicalValue(t.glob);
            return true;
        case Field::Header:
            return makeHeader(w, t);
        case Field::Body:
            t.needle = Needle(w.text.toUtf8());
            t.canonical = QStringLiteral("body:") + quoted(w.text);
            return true;
        case Field::Type:
            return makeType(w, t);
        case Field::Remote:
            return makeRemote(w, t);
        case Field::Rejected:
        case Field::Chunked:
        case Field::Tls:
            return makeYesNo(w, t, key);
        case Field::Warning:
            return makeWarning(w, t);
        case Field::Signature:
            return makeSignature(w, t);
        case Field::Text:
            break;
        }
        return false;
    }

    bool makeMethod(const Word &w, Term &t)
    {
        for (qsizetype k = 0; k < w.text.size(); ++k) {
            const QChar c = w.text[k];
            if (!w.isWildcard(k) && (c.unicode() > 0x7f || !Http::Syntax::isTokenChar(char(c.unicode()))))
                return failValue(w, Filter::tr("method needs a method name like POST"));
        }
        t.glob = w.glob(0, w.text.size());
        t.canonical = QStringLiteral("method:") + t.glob.toString();
        return true;
    }

    bool makeStatus(const Word &w, Term &t)
    {
        const QString &v = w.text;
        const auto isX = [](QChar c) { return c == QLatin1Char('x') || c == QLatin1Char('X'); };
        if (v.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
            t.range = {0, 0};
        } else if (v.size() == 3 && isDigit(v[0]) && isX(v[2]) && (isDigit(v[1]) || isX(v[1]))) {
            // 4xx is 400..499, 40x is 400..409.
            const qint64 hundreds = v[0].unicode() - '0';
            if (isX(v[1]))
                t.range = {hundreds * 100, hundreds * 100 + 99};
            else
                t.range = {hundreds * 100 + (v[1].unicode() - '0') * 10,
                           hundreds * 100 + (v[1].unicode() - '0') * 10 + 9};
        } else {
            return makeNumber(w, t, parseInteger, "status",
                              Filter::tr("status needs a number, a range like 200..299 or 4xx"));
        }
        t.canonical = QStringLiteral("status:") + rangeText(t.range);
        return true;
    }

    template<class Number>
    bool makeNumber(const Word &w, Term &t, Number number, const char *name, const QString &usage)
    {
        switch (parseRange(QStringView(w.text), number, &t.range)) {
        case RangeResult::Ok:
            t.canonical = QLatin1String(name) + QLatin1Char(':') + rangeText(t.range);
            return true;
        case RangeResult::Bad:
            return failValue(w, usage);
        case RangeResult::Reversed:
            return failValue(w, Filter::tr("the range %1 is empty — put the smaller number first").arg(w.text));
        case RangeResult::Empty:
            return failValue(w, Filter::tr("%1:%2 can never match").arg(QLatin1String(name), w.text));
        }
        return false;
    }

    bool makeHeader(const Word &w, Term &t)
    {
        qsizetype sep = -1;
        for (qsizetype k = 0; k < w.text.size() && sep < 0; ++k) {
            if (!w.escaped[size_t(k)] && (w.text[k] == QLatin1Char('=') || w.text[k] == QLatin1Char(':')))
                sep = k;
        }
        const qsizetype nameEnd = sep < 0 ? w.text.size() : sep;
        if (nameEnd == 0) {
            return fail(w.valueStart, w.sourceEnd(qMax<qsizetype>(sep + 1, 1)),
                        Filter::tr("header needs a name, like header:X-GitHub-Event=push"));
        }
        for (qsizetype k = 0; k < nameEnd; ++k) {
            const QChar c = w.text[k];
            if (!w.isWildcard(k) && (c.unicode() > 0x7f || !Http::Syntax::isTokenChar(char(c.unicode())))) {
                const QString name = w.text.first(nameEnd);
                return fail(w.valueStart, w.sourceEnd(nameEnd),
                            Filter::tr("'%1' is not a header name — write header:Name=value").arg(name));
            }
        }
        t.name = w.glob(0, nameEnd);
        t.hasValue = sep >= 0;
        t.canonical = QStringLiteral("header:") + canonicalValue(t.name);
        if (t.hasValue) {
            t.glob = w.glob(sep + 1, w.text.size());
            t.canonical += QLatin1Char('=') + canonicalValue(t.glob);
        }
        return true;
    }

    bool makeType(const Word &w, Term &t)
    {
        const QString v = w.text.toLower();
        if (v == QLatin1String("none")) {
            t.typeMode = TypeMode::None;
        } else if (v == QLatin1String("form")) {
            t.typeMode = TypeMode::Form;
        } else if (v.contains(QLatin1Char('/')) || w.hasWildcard(0, w.text.size())) {
            t.typeMode = TypeMode::Full;
            t.glob = w.glob(0, w.text.size());
            t.canonical = QStringLiteral("type:") + canonicalValue(t.glob);
            return true;
        } else {
            t.typeMode = TypeMode::Short;
            t.typeName = v.toUtf8();
        }
        t.canonical = QStringLiteral("type:") + canonicalValue(w.glob(0, w.text.size()));
        return true;
    }

    bool makeRemote(const Word &w, Term &t)
    {
        const QString usage = Filter::tr("remote needs an address like 127.0.0.1, a pattern like 10.0.* or a "
                                         "subnet like 10.0.0.0/8, optionally with :port");
        const QString &v = w.text;
        if (v.contains(QLatin1Char('/'))) {
            const auto subnet = QHostAddress::parseSubnet(v);
            if (subnet.second < 0)
                return failValue(w, usage);
            t.subnet = subnet.first;
            t.prefixLength = subnet.second;
            t.canonical = QStringLiteral("remote:%1/%2").arg(subnet.first.toString()).arg(subnet.second);
            return true;
        }
        qsizetype from = 0;
        qsizetype to = v.size();
        QStringView port;
        if (v.startsWith(QLatin1Char('['))) {
            const qsizetype close = v.indexOf(QLatin1Char(']'));
            if (close < 0)
                return failValue(w, usage);
            from = 1;
            to = close;
            const QStringView rest = QStringView(v).sliced(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(u':'))
                    return failValue(w, usage);
                port = rest.sliced(1);
                if (port.isEmpty())
                    return failValue(w, usage);
            }
        } else if (v.count(QLatin1Char(':')) == 1) {
            to = v.indexOf(QLatin1Char(':'));
            port = QStringView(v).sliced(to + 1);
            if (port.isEmpty())
                return failValue(w, usage);
        }
        if (!port.isNull()) {
            qint64 n = 0;
            if (!parseInteger(port, &n) || n > 65535)
                return failValue(w, usage);
            t.port = int(n);
        }
        if (from >= to)
            return failValue(w, usage);
        // Addresses are hex digits, dots and colons (and a %scope); a host name never matches.
        for (qsizetype k = from; k < to && v[k] != QLatin1Char('%'); ++k) {
            const QChar c = v[k];
            const bool ok = isDigit(c) || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')) ||
                            c == QLatin1Char('.') || c == QLatin1Char(':') || w.isWildcard(k);
            if (!ok)
                return failValue(w, usage);
        }
        t.glob = w.glob(from, to);
        const QString address = t.glob.toString();
        if (t.port < 0)
            t.canonical = QStringLiteral("remote:") + address;
        else if (address.contains(QLatin1Char(':')))
            t.canonical = QStringLiteral("remote:[%1]:%2").arg(address).arg(t.port);
        else
            t.canonical = QStringLiteral("remote:%1:%2").arg(address).arg(t.port);
        return true;
    }

    bool makeYesNo(const Word &w, Term &t, const QString &key)
    {
        const QString v = w.text.toLower();
        if (v == QLatin1String("yes") || v == QLatin1String("true") || v == QLatin1String("1"))
            t.wanted = true;
        else if (v == QLatin1String("no") || v == QLatin1String("false") || v == QLatin1String("0"))
            t.wanted = false;
        else
            return failValue(w, Filter::tr("%1 needs yes or no").arg(key));
        t.mask = t.field == Field::Rejected ? FlagRejected : t.field == Field::Chunked ? FlagChunked : FlagTls;
        t.canonical = key + (t.wanted ? QStringLiteral(":yes") : QStringLiteral(":no"));
        return true;
    }

    /// signature:valid|invalid|unsigned|no-secret|signed, a reason (mismatch, ...) or a scheme id.
    bool makeSignature(const Word &w, Term &t)
    {
        using Signing::Verdict;
        const QString v = w.text.toLower();
        const auto bit = [](Verdict verdict) { return quint16(1u << unsigned(verdict)); };
        Verdict verdict;
        const QStringList schemes = Signing::schemeIds();
        if (v == QLatin1String("invalid")) {
            t.verdicts = bit(Verdict::Mismatch) | bit(Verdict::TimestampTooOld) | bit(Verdict::TimestampTooNew) |
                         bit(Verdict::MalformedHeader) | bit(Verdict::MissingHeader);
        } else if (v == QLatin1String("signed")) {
            t.verdicts = quint16(~(bit(Verdict::NotChecked) | bit(Verdict::Unsigned)));
        } else if (Signing::verdictFromName(v, &verdict)) {
            t.verdicts = bit(verdict);
        } else if (schemes.contains(v)) {
            t.signatureScheme = quint8(schemes.indexOf(v) + 1);
        } else {
            QStringList words{QStringLiteral("valid"), QStringLiteral("invalid"), QStringLiteral("unsigned"),
                              QStringLiteral("no-secret"), QStringLiteral("signed")};
            for (Verdict reason : {Verdict::Mismatch, Verdict::TimestampTooOld, Verdict::TimestampTooNew,
                                   Verdict::MalformedHeader, Verdict::MissingHeader})
                words.append(Signing::reasonName(reason));
            const QString suggestion = closest(v, words + schemes);
            return failValue(w, suggestion.isEmpty()
                                    ? Filter::tr("signature needs one of %1, or a scheme: %2")
                                          .arg(words.join(QStringLiteral(", ")), schemes.join(QStringLiteral(", ")))
                                    : Filter::tr("unknown signature '%1' — did you mean %2?").arg(w.text, suggestion));
        }
        t.canonical = QStringLiteral("signature:") + v;
        return true;
    }

    bool makeWarning(const Word &w, Term &t)
    {
        const QString v = w.text.toLower();
        const QStringList names = warningNames();
        if (v == QLatin1String("any")) {
            t.mask = qint64(0xffffffff);
        } else {
            for (int bit = 0; bit < 32; ++bit) {
                const auto warning = static_cast<Http::Warning>(quint32(1) << bit);
                if (Http::Request::warningName(warning) == v)
                    t.mask = qint64(quint32(1) << bit);
            }
        }
        if (t.mask == 0) {
            const QString suggestion = closest(v, names);
            return failValue(w, suggestion.isEmpty()
                                    ? Filter::tr("warning needs one of %1 or any").arg(names.join(QStringLiteral(", ")))
                                    : Filter::tr("unknown warning '%1' — did you mean %2?").arg(w.text, suggestion));
        }
        t.canonical = QStringLiteral("warning:") + v;
        return true;
    }

    bool makeColumn(const Word &w, Term &t)
    {
        qsizetype sep = -1;
        for (qsizetype k = 0; k < w.text.size() && sep < 0; ++k) {
            if (!w.escaped[size_t(k)] && w.text[k] == QLatin1Char('='))
                sep = k;
        }
        const QString name = w.text.first(sep < 0 ? w.text.size() : sep);
        QStringList names;
        for (const CustomColumn &c : m_columns) {
            names.append(c.name());
            if (c.name().compare(name, Qt::CaseInsensitive) == 0)
                t.column = std::make_shared<const CustomColumn>(c);
        }
        if (!t.column) {
            if (names.isEmpty())
                return fail(
                    w.valueStart, w.sourceEnd(sep < 0 ? w.text.size() : sep),
                    Filter::tr("no custom column is named '%1' — add one from the table header's menu").arg(name));
            const QString suggestion = closest(name, names);
            return fail(w.valueStart, w.sourceEnd(sep < 0 ? w.text.size() : sep),
                        suggestion.isEmpty()
                            ? Filter::tr("no custom column is named '%1' — columns are %2")
                                  .arg(name, names.join(QStringLiteral(", ")))
                            : Filter::tr("no custom column is named '%1' — did you mean %2?").arg(name, suggestion));
        }
        t.hasValue = sep >= 0;
        QString escapedName;
        for (QChar c : t.column->name()) {
            if (c == QLatin1Char('\\') || c == QLatin1Char('"') || c == QLatin1Char('=') || c == QLatin1Char('*') ||
                c == QLatin1Char('?'))
                escapedName += QLatin1Char('\\');
            escapedName += c;
        }
        t.canonical = QStringLiteral("col:") + canonicalValue(escapedName);
        if (t.hasValue) {
            t.glob = w.glob(sep + 1, w.text.size());
            t.canonical += QLatin1Char('=') + canonicalValue(t.glob);
        }
        return true;
    }

private:
    const CustomColumns &m_columns;
    FilterError *m_error;
};

} // namespace

bool makeTerm(const Word &w, Term &t, const CustomColumns &columns, FilterError *error)
{
    return TermMaker(columns, error).make(w, t);
}

} // namespace Session::FilterDetail
