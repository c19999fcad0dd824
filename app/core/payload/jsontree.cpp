#include "jsontree.h"

#include "http/syntax.h"

#include <QStringList>

namespace Payload {

namespace {

// Nodes wait on a stack until their container closes; then the container's children move to
// the final array as one contiguous block. A child's own children were placed earlier, so their
// parent index is fixed up at that moment; each node is moved once and fixed up once.
class TreeBuilder
{
public:
    explicit TreeBuilder(const char *base)
        : m_base(base)
    {
        m_nodes.emplace_back(); // the root's place, filled in finish()
        m_pending.reserve(1024);
        m_open.reserve(64);
    }

    bool begin(JsonType type, const char *at)
    {
        push(type, at);
        m_open.push_back(quint32(m_pending.size()));
        return true;
    }

    bool end(JsonType, const char *at)
    {
        const quint32 first = m_open.back();
        m_open.pop_back();
        JsonTree::Node &container = m_pending[first - 1];
        container.valueLength = quint32(at + 1 - m_base) - container.valueOffset;
        const quint32 count = quint32(m_pending.size() - first);
        if (count > 0) {
            container.firstChild = place(first, count);
            container.childCount = count;
        }
        m_pending.resize(first);
        return true;
    }

    bool key(const char *b, const char *e)
    {
        m_keyOffset = quint32(b - m_base);
        m_keyLength = quint32(e - b);
        return true;
    }

    bool scalar(JsonType type, const char *b, const char *e)
    {
        push(type, b);
        m_pending.back().valueLength = quint32(e - b);
        return true;
    }

    QString stopReason() const { return {}; }

    std::vector<JsonTree::Node> finish()
    {
        Q_ASSERT(m_pending.size() == 1);
        JsonTree::Node root = m_pending.front();
        m_nodes[0] = root;
        for (quint32 i = 0; i < root.childCount; ++i)
            m_nodes[root.firstChild + i].parent = 0;
        return std::move(m_nodes);
    }

private:
    void push(JsonType type, const char *at)
    {
        JsonTree::Node n;
        n.type = type;
        n.valueOffset = quint32(at - m_base);
        n.keyOffset = m_keyOffset;
        n.keyLength = m_keyLength;
        m_keyOffset = JsonTree::kNone;
        m_keyLength = 0;
        m_pending.push_back(n);
    }

    quint32 place(quint32 first, quint32 count)
    {
        const auto base = quint32(m_nodes.size());
        m_nodes.insert(m_nodes.end(), m_pending.begin() + first, m_pending.begin() + first + count);
        for (quint32 i = 0; i < count; ++i) {
            const JsonTree::Node &n = m_nodes[base + i];
            for (quint32 c = 0; c < n.childCount; ++c)
                m_nodes[n.firstChild + c].parent = base + i;
        }
        return base;
    }

    const char *m_base;
    std::vector<JsonTree::Node> m_nodes;
    std::vector<JsonTree::Node> m_pending;
    std::vector<quint32> m_open; // per open container: where its children start in m_pending
    quint32 m_keyOffset = JsonTree::kNone;
    quint32 m_keyLength = 0;
};

void appendUtf16(QString &out, char32_t cp)
{
    if (cp >= 0x10000) {
        out += QChar(QChar::highSurrogate(cp));
        out += QChar(QChar::lowSurrogate(cp));
    } else {
        out += QChar(char16_t(cp));
    }
}

// Four hex digits at p (already checked by the scanner, but keys may come from anywhere).
int readHex4(const char *p, const char *end)
{
    if (end - p < 4)
        return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
        const int h = Http::Syntax::hexValue(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

// RFC 6901 §4: "~1" is '/', "~0" is '~'.
QString unescapePointerToken(QStringView token)
{
    QString out;
    out.reserve(token.size());
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (token[i] == u'~' && i + 1 < token.size() && (token[i + 1] == u'0' || token[i + 1] == u'1')) {
            out += token[i + 1] == u'0' ? u'~' : u'/';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

} // namespace

JsonTree JsonTree::build(const QByteArray &json, const JobControl &control)
{
    JsonTree tree;
    tree.m_source = json;
    if (quint64(json.size()) >= kNone) {
        tree.m_error.offset = 0;
        tree.m_error.line = tree.m_error.column = 1;
        tree.m_error.reason = tr("the document is too large for the tree view (4 GiB or more)");
        return tree;
    }
    TreeBuilder builder(json.constData());
    switch (Detail::scanJson(json, builder, control, tree.m_error)) {
    case Detail::JsonScanStatus::Ok:
        tree.m_nodes = builder.finish();
        break;
    case Detail::JsonScanStatus::Invalid:
        break;
    case Detail::JsonScanStatus::Cancelled:
        tree.m_cancelled = true;
        break;
    }
    return tree;
}

quint32 JsonTree::child(quint32 parent, quint32 row) const
{
    if (parent >= m_nodes.size() || row >= m_nodes[parent].childCount)
        return kNone;
    return m_nodes[parent].firstChild + row;
}

quint32 JsonTree::row(quint32 index) const
{
    if (index >= m_nodes.size())
        return 0;
    const quint32 parent = m_nodes[index].parent;
    return parent == kNone ? 0 : index - m_nodes[parent].firstChild;
}

QByteArrayView JsonTree::rawKey(quint32 index) const
{
    if (index >= m_nodes.size())
        return {};
    const Node &n = m_nodes[index];
    if (n.keyOffset == kNone)
        return {};
    return QByteArrayView(m_source).sliced(n.keyOffset, n.keyLength);
}

QString JsonTree::key(quint32 index) const
{
    return decodeJsonString(rawKey(index));
}

QByteArrayView JsonTree::valueText(quint32 index) const
{
    if (index >= m_nodes.size())
        return {};
    const Node &n = m_nodes[index];
    return QByteArrayView(m_source).sliced(n.valueOffset, n.valueLength);
}

QString JsonTree::pointer(quint32 index) const
{
    if (index >= m_nodes.size())
        return {};
    // Collected leaf to root, then joined root first.
    QStringList tokens;
    for (quint32 i = index; m_nodes[i].parent != kNone; i = m_nodes[i].parent) {
        if (m_nodes[m_nodes[i].parent].type == JsonType::Array) {
            tokens.append(QString::number(row(i)));
        } else {
            // RFC 6901 §3: '~' before '/', or "/" would come out as "~01".
            QString t = key(i);
            t.replace(u'~', QLatin1StringView("~0"));
            t.replace(u'/', QLatin1StringView("~1"));
            tokens.append(t);
        }
    }
    QString out;
    for (qsizetype i = tokens.size() - 1; i >= 0; --i) {
        out += u'/';
        out += tokens[i];
    }
    return out;
}

quint32 JsonTree::find(QStringView pointer) const
{
    if (m_nodes.empty())
        return kNone;
    if (pointer.isEmpty())
        return 0;
    if (pointer.front() != u'/')
        return kNone;
    quint32 current = 0;
    for (QStringView token : pointer.sliced(1).tokenize(u'/')) {
        const Node &n = m_nodes[current];
        const QString name = unescapePointerToken(token);
        quint32 next = kNone;
        if (n.type == JsonType::Array) {
            // RFC 6901 §4: array indexes are decimal without leading zeros.
            bool ok = false;
            const quint32 i = name.toUInt(&ok);
            const bool canonical = ok && !name.isEmpty() && (name == u"0" || name.front() != u'0') &&
                                   name.front() != u'+' && name.front() != u' ';
            if (canonical && i < n.childCount)
                next = n.firstChild + i;
        } else if (n.type == JsonType::Object) {
            for (quint32 c = 0; c < n.childCount; ++c) {
                if (key(n.firstChild + c) == name) {
                    next = n.firstChild + c;
                    break;
                }
            }
        }
        if (next == kNone)
            return kNone;
        current = next;
    }
    return current;
}

QString decodeJsonString(QByteArrayView quoted)
{
    if (quoted.size() < 2 || quoted.front() != '"' || quoted.back() != '"')
        return QString::fromUtf8(quoted);
    const char *p = quoted.data() + 1;
    const char *const end = quoted.data() + quoted.size() - 1;
    QString out;
    out.reserve(end - p);
    const char *run = p;
    auto flush = [&](const char *upTo) { out += QString::fromUtf8(run, upTo - run); };
    while (p < end) {
        if (*p != '\\') {
            ++p;
            continue;
        }
        flush(p);
        if (p + 1 >= end) {
            run = p;
            break;
        }
        const char e = p[1];
        p += 2;
        switch (e) {
        case 'b':
            out += u'\b';
            break;
        case 'f':
            out += u'\f';
            break;
        case 'n':
            out += u'\n';
            break;
        case 'r':
            out += u'\r';
            break;
        case 't':
            out += u'\t';
            break;
        case 'u': {
            const int v = readHex4(p, end);
            if (v < 0) {
                out += QLatin1StringView("\\u");
                break;
            }
            p += 4;
            // RFC 8259 §7: a character outside the BMP is a surrogate pair of two escapes.
            if (QChar::isHighSurrogate(char16_t(v)) && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                const int low = readHex4(p + 2, end);
                if (low >= 0 && QChar::isLowSurrogate(char16_t(low))) {
                    appendUtf16(out, QChar::surrogateToUcs4(char16_t(v), char16_t(low)));
                    p += 6;
                    break;
                }
            }
            out += QChar(char16_t(v));
            break;
        }
        default: // '"', '\\', '/' and anything a lenient caller passes
            out += QChar(char16_t(static_cast<unsigned char>(e)));
            break;
        }
        run = p;
    }
    flush(end);
    return out;
}

} // namespace Payload
