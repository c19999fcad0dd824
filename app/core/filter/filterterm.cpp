#include "filterterm.h"

namespace Session::FilterDetail {

namespace {

constexpr std::array<char, 256> makeLowerTable()
{
    std::array<char, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[size_t(c)] = char(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    return t;
}
constexpr std::array<char, 256> kLower = makeLowerTable();

inline char lower(char c)
{
    return kLower[static_cast<unsigned char>(c)];
}

inline char upper(char c)
{
    return c >= 'a' && c <= 'z' ? char(c - ('a' - 'A')) : c;
}

/// `folded` is already lower-case.
bool equalsFolded(QByteArrayView s, QByteArrayView folded)
{
    if (s.size() != folded.size())
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (lower(s[i]) != folded[i])
            return false;
    }
    return true;
}

bool startsWithFolded(QByteArrayView s, QByteArrayView folded)
{
    return s.size() >= folded.size() && equalsFolded(s.first(folded.size()), folded);
}

/// The index after the UTF-8 character that starts at i: `?` matches a character, not a byte.
inline qsizetype nextChar(QByteArrayView s, qsizetype i)
{
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xc0) == 0x80)
        ++i;
    return i;
}

/// Calls fn(name, value) for each field line of a request head (after the request line) until
/// it returns true. A plain line scan: an accepted head was checked by the reader when it
/// arrived (CRLF endings, no folding, no space before the colon), so splitting at line ends and
/// the first colon gives exactly its fields without rebuilding a Request for every row. For a
/// rejected request it is lenient (bare LF, lines without a colon are skipped).
template<class Fn>
bool anyField(QByteArrayView head, Fn &&fn)
{
    qsizetype pos = head.indexOf('\n');
    if (pos < 0)
        return false;
    ++pos;
    while (pos < head.size()) {
        qsizetype end = head.indexOf('\n', pos);
        if (end < 0)
            end = head.size();
        QByteArrayView line = head.sliced(pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break; // the blank line that ends the head
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && fn(line.first(colon), line.sliced(colon + 1).trimmed()))
            return true;
        pos = end + 1;
    }
    return false;
}

/// The field lines of a head: everything after the request line.
QByteArrayView fieldSection(QByteArrayView head)
{
    const qsizetype pos = head.indexOf('\n');
    return pos < 0 ? QByteArrayView() : head.sliced(pos + 1);
}

} // namespace

void Glob::appendLiteral(QByteArrayView utf8)
{
    for (char c : utf8) {
        m_chars += lower(c);
        m_ops += char(Literal);
    }
}

void Glob::appendStar()
{
    if (!m_ops.endsWith(char(Star))) { // ** is *
        m_chars += '\0';
        m_ops += char(Star);
    }
}

void Glob::appendOne()
{
    m_chars += '\0';
    m_ops += char(One);
}

void Glob::finish()
{
    qsizetype i = 0;
    while (i < m_ops.size() && m_ops[i] == char(Literal))
        ++i;
    m_prefix = m_chars.first(i);
    m_literal = i == m_ops.size();
}

bool Glob::matches(QByteArrayView value) const
{
    if (m_literal)
        return equalsFolded(value, m_chars);
    // Most globs are a prefix and a star (path:/hooks/git*): reject on the prefix first.
    return startsWithFolded(value, m_prefix) && matchesFrom(value);
}

bool Glob::matchesFrom(QByteArrayView v) const
{
    // Greedy with one backtrack point at the last star: linear for the usual patterns.
    const char *ops = m_ops.constData();
    const char *chars = m_chars.constData();
    const qsizetype m = m_ops.size();
    qsizetype p = m_prefix.size();
    qsizetype i = m_prefix.size();
    qsizetype starP = -1;
    qsizetype starI = 0;
    while (i < v.size()) {
        if (p < m) {
            const char op = ops[p];
            if (op == char(Literal) && chars[p] == lower(v[i])) {
                ++p;
                ++i;
                continue;
            }
            if (op == char(One)) {
                ++p;
                i = nextChar(v, i);
                continue;
            }
            if (op == char(Star)) {
                starP = p++;
                starI = i;
                continue;
            }
        }
        if (starP < 0)
            return false;
        p = starP + 1;
        starI = nextChar(v, starI);
        i = starI;
    }
    while (p < m && ops[p] == char(Star))
        ++p;
    return p == m;
}

QString Glob::toString() const
{
    QByteArray out;
    for (qsizetype i = 0; i < m_ops.size(); ++i) {
        const char op = m_ops[i];
        if (op != char(Literal)) {
            out += op;
            continue;
        }
        const char c = m_chars[i];
        if (c == '*' || c == '?' || c == '\\' || c == '"')
            out += '\\';
        out += c;
    }
    return QString::fromUtf8(out);
}

Needle::Needle(QByteArrayView utf8)
{
    m_lower.reserve(utf8.size());
    for (char c : utf8)
        m_lower += lower(c);
    const qsizetype m = m_lower.size();
    const auto shift = quint32(qMin<qsizetype>(m, std::numeric_limits<quint32>::max()));
    m_skip.fill(qMax<quint32>(shift, 1));
    for (qsizetype i = 0; i + 1 < m; ++i) {
        const auto s = quint32(m - 1 - i);
        m_skip[static_cast<unsigned char>(m_lower[i])] = s;
        m_skip[static_cast<unsigned char>(upper(m_lower[i]))] = s;
    }
}

bool Needle::foundIn(QByteArrayView h) const
{
    const qsizetype m = m_lower.size();
    if (m == 0)
        return true;
    const qsizetype n = h.size();
    if (n < m)
        return false;
    const char *hay = h.data();
    const char *needle = m_lower.constData();
    const qsizetype last = m - 1;
    const char lastChar = needle[last];
    qsizetype i = 0;
    while (i <= n - m) {
        const char c = hay[i + last];
        if (lower(c) == lastChar) {
            qsizetype j = last - 1;
            while (j >= 0 && lower(hay[i + j]) == needle[j])
                --j;
            if (j < 0)
                return true;
        }
        i += m_skip[static_cast<unsigned char>(c)];
    }
    return false;
}

int Term::cost() const
{
    switch (field) {
    case Field::Status:
    case Field::Size:
    case Field::Id:
    case Field::Rejected:
    case Field::Chunked:
    case Field::Tls:
    case Field::Warning:
    case Field::Signature:
        return 1;
    case Field::Method:
    case Field::Type:
    case Field::Remote:
    case Field::Event:
        return 2;
    case Field::Path:
        return 6;
    case Field::Text:
        return 10;
    case Field::Header:
    case Field::Body:
    case Field::Column:
        return 12;
    }
    return 1;
}

void splitRaw(QByteArrayView raw, QByteArrayView *head, QByteArrayView *body)
{
    qsizetype end = raw.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    if (end < 0) {
        end = raw.indexOf("\n\n");
        skip = 2;
    }
    if (end < 0) {
        *head = raw;
        *body = {};
        return;
    }
    *head = raw.first(end + skip / 2);
    *body = raw.sliced(end + skip);
}

bool matchesMethod(const Term &t, QByteArrayView method)
{
    return t.glob.matches(method);
}

bool matchesType(const Term &t, QByteArrayView type)
{
    switch (t.typeMode) {
    case TypeMode::None:
        return type.isEmpty();
    case TypeMode::Form:
        return equalsFolded(type, "application/x-www-form-urlencoded") || equalsFolded(type, "multipart/form-data");
    case TypeMode::Full:
        return t.glob.matches(type);
    case TypeMode::Short:
        break;
    }
    const qsizetype slash = type.indexOf('/');
    if (slash < 0)
        return equalsFolded(type, t.typeName);
    const QByteArrayView sub = type.sliced(slash + 1);
    if (equalsFolded(type.first(slash), t.typeName) || equalsFolded(sub, t.typeName))
        return true;
    if (startsWithFolded(sub, "x-") && equalsFolded(sub.sliced(2), t.typeName))
        return true;
    // RFC 6839: structured syntax suffixes, application/vnd.github+json
    const qsizetype plus = sub.lastIndexOf('+');
    return plus >= 0 && equalsFolded(sub.sliced(plus + 1), t.typeName);
}

bool matchesPath(const Term &t, QByteArrayView target)
{
    QByteArrayView path = target;
    // RFC 9112 §3.2.2: absolute-form; the path starts after the authority.
    if (startsWithFolded(path, "http://") || startsWithFolded(path, "https://")) {
        path = path.sliced(path.indexOf("://") + 3);
        qsizetype start = 0;
        while (start < path.size() && path[start] != '/' && path[start] != '?')
            ++start;
        path = path.sliced(start);
    }
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path = path.first(query);
    return t.glob.matches(path);
}

bool matchesRemoteAddress(const Term &t, const QString &address)
{
    const auto test = [&t](const QString &a) {
        if (t.prefixLength >= 0)
            return QHostAddress(a).isInSubnet(t.subnet, t.prefixLength);
        return t.glob.matches(a.toUtf8());
    };
    if (test(address))
        return true;
    // A dual-stack listener sees IPv4 senders as ::ffff:a.b.c.d; remote:127.0.0.1 means them too.
    static const QString mapped = QStringLiteral("::ffff:");
    if (address.startsWith(mapped, Qt::CaseInsensitive) && address.contains(QLatin1Char('.')))
        return test(address.sliced(mapped.size()));
    return false;
}

bool matchesFlags(const Term &t, qint64 flags)
{
    const bool set = (flags & t.mask) != 0;
    return t.field == Field::Warning ? set : set == t.wanted;
}

bool matchesSignature(const Term &t, quint8 scheme, quint8 verdict)
{
    return (t.verdicts == 0 || (verdict < 16 && (t.verdicts & (1u << verdict)) != 0)) &&
           (t.signatureScheme == 0 || t.signatureScheme == scheme);
}

bool matchesHeaders(const Term &t, QByteArrayView head)
{
    return anyField(head, [&t](QByteArrayView name, QByteArrayView value) {
        return t.name.matches(name) && (!t.hasValue || t.glob.matches(value));
    });
}

bool matchesText(const Term &t, QByteArrayView target, QByteArrayView head, QByteArrayView body)
{
    // The field section as one block: the needle holds no line break (the filter bar is one
    // line), so a match in the block is a match in one line, "Name: value" as it was sent.
    return t.needle.foundIn(target) || t.needle.foundIn(fieldSection(head)) || t.needle.foundIn(body);
}

bool matches(const Term &t, const Record &r)
{
    switch (t.field) {
    case Field::Text:
        return matchesText(t, r.target, r.head, r.body);
    case Field::Method:
        return matchesMethod(t, r.method);
    case Field::Status:
        return t.range.contains(r.status);
    case Field::Path:
        return matchesPath(t, r.target);
    case Field::Header:
        return matchesHeaders(t, r.head);
    case Field::Body:
        return t.needle.foundIn(r.body);
    case Field::Type:
        return matchesType(t, r.contentType);
    case Field::Size:
        return t.range.contains(r.bodySize);
    case Field::Id:
        return t.range.contains(r.id);
    case Field::Remote:
        return (t.port < 0 || t.port == r.remotePort) && matchesRemoteAddress(t, r.remote);
    case Field::Rejected:
    case Field::Chunked:
    case Field::Tls:
    case Field::Warning:
        return matchesFlags(t, r.flags);
    case Field::Signature:
        return matchesSignature(t, r.signatureScheme, r.signature);
    case Field::Event:
        return t.glob.matches(r.event);
    case Field::Column: {
        const QString value = t.column->valueIn(r.head, r.body);
        return t.hasValue ? t.glob.matches(value.toUtf8()) : !value.isEmpty();
    }
    }
    return false;
}

bool matches(const Program &p, int node, const Record &r)
{
    const Node &n = p.nodes[size_t(node)];
    switch (n.kind) {
    case Node::Kind::Term:
        return matches(p.terms[size_t(n.term)], r);
    case Node::Kind::Not:
        return !matches(p, n.children.front(), r);
    case Node::Kind::And:
        for (int child : n.byCost) {
            if (!matches(p, child, r))
                return false;
        }
        return true;
    case Node::Kind::Or:
        for (int child : n.byCost) {
            if (matches(p, child, r))
                return true;
        }
        return false;
    }
    return false;
}

} // namespace Session::FilterDetail
