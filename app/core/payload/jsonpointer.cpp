#include "jsonpointer.h"

#include "jsonscanner.h"
#include "jsontree.h"

#include <vector>

namespace Payload {

std::optional<JsonPointer> JsonPointer::parse(QStringView text)
{
    JsonPointer p;
    if (text.isEmpty())
        return p;
    if (text.front() != QLatin1Char('/'))
        return std::nullopt;
    const QByteArray utf8 = text.toUtf8();
    for (const QByteArray &token : utf8.sliced(1).split('/')) {
        QByteArray out;
        out.reserve(token.size());
        for (qsizetype i = 0; i < token.size(); ++i) {
            if (token[i] != '~') {
                out.append(token[i]);
                continue;
            }
            if (i + 1 >= token.size() || (token[i + 1] != '0' && token[i + 1] != '1'))
                return std::nullopt;
            out.append(token[++i] == '0' ? '~' : '/');
        }
        p.m_tokens.append(out);
    }
    return p;
}

QString JsonPointer::toString() const
{
    QString out;
    for (const QByteArray &token : m_tokens) {
        QByteArray escaped = token;
        escaped.replace('~', "~0").replace('/', "~1");
        out += QLatin1Char('/') + QString::fromUtf8(escaped);
    }
    return out;
}

namespace {

/// Array index tokens are decimal without leading zeros (RFC 6901 §4); "-" never names an element.
qint64 arrayIndex(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 15 || (token.size() > 1 && token[0] == '0'))
        return -1;
    qint64 n = 0;
    for (char c : token) {
        if (c < '0' || c > '9')
            return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

/// Walks the scan along the pointer: containers on the path are followed, everything else is
/// skipped, and the scan stops once the value is found or cannot be there any more.
class Finder
{
public:
    explicit Finder(const QList<QByteArray> &tokens)
        : m_tokens(tokens)
    {
        m_indexes.reserve(size_t(tokens.size()));
        for (const QByteArray &t : tokens)
            m_indexes.push_back(arrayIndex(t));
    }

    bool begin(JsonType type, const char *open)
    {
        const bool selected = selectValue();
        if (selected && depth() == m_tokens.size()) {
            m_foundAt = depth() + 1;
            m_begin = open;
            m_type = type;
        }
        m_frames.push_back({type, 0, false});
        if (selected && depth() <= m_tokens.size())
            m_onPath = depth();
        return true;
    }
    bool end(JsonType, const char *close)
    {
        if (m_foundAt == depth()) {
            m_end = close + 1;
            m_found = true;
            return false;
        }
        const bool leavingPath = depth() == m_onPath;
        m_frames.pop_back();
        if (leavingPath)
            return false; // the container the pointer goes through is done: nothing is there
        return true;
    }
    bool key(const char *b, const char *e)
    {
        Frame &f = m_frames.back();
        f.keyMatches = false;
        if (depth() != m_onPath || depth() > m_tokens.size())
            return true;
        const QByteArray &want = m_tokens.at(depth() - 1);
        const QByteArrayView raw(b + 1, e - b - 2);
        if (!raw.contains('\\'))
            f.keyMatches = raw == QByteArrayView(want);
        else
            f.keyMatches = decodeJsonString(QByteArrayView(b, e - b)).toUtf8() == want;
        return true;
    }
    bool scalar(JsonType type, const char *b, const char *e)
    {
        const bool selected = selectValue();
        if (!selected)
            return true;
        if (depth() == m_tokens.size()) {
            m_begin = b;
            m_end = e;
            m_type = type;
            m_found = true;
        }
        return false; // found, or the pointer goes on into a value that holds nothing
    }
    QString stopReason() const { return {}; }

    bool found() const { return m_found; }
    QByteArrayView value() const { return QByteArrayView(m_begin, m_end - m_begin); }
    JsonType type() const { return m_type; }

private:
    struct Frame
    {
        JsonType type;
        qint64 nextIndex;
        bool keyMatches;
    };

    qsizetype depth() const { return qsizetype(m_frames.size()); }

    /// Whether the value starting now is on the pointer's path (counting it as an element).
    bool selectValue()
    {
        if (m_frames.empty())
            return true; // the document itself: every pointer starts there
        Frame &f = m_frames.back();
        const bool inPath = depth() == m_onPath && depth() <= m_tokens.size();
        if (f.type == JsonType::Array) {
            const qint64 index = f.nextIndex++;
            return inPath && m_indexes[size_t(depth() - 1)] == index;
        }
        return inPath && f.keyMatches;
    }

    const QList<QByteArray> &m_tokens;
    std::vector<qint64> m_indexes;
    std::vector<Frame> m_frames;
    qsizetype m_onPath = 0; // the containers [0, m_onPath) are all on the path
    qsizetype m_foundAt = -1;
    const char *m_begin = nullptr;
    const char *m_end = nullptr;
    JsonType m_type = JsonType::Null;
    bool m_found = false;
};

} // namespace

std::optional<QString> jsonValueAt(QByteArrayView json, const JsonPointer &pointer, qsizetype maxChars)
{
    Finder finder(pointer.tokens());
    ParseError error;
    const Detail::JsonScanStatus status = Detail::scanJson(json, finder, JobControl{}, error);
    if (!finder.found() || (status != Detail::JsonScanStatus::Ok && status != Detail::JsonScanStatus::Invalid))
        return std::nullopt;
    QString text;
    if (finder.type() == JsonType::String) {
        text = decodeJsonString(finder.value());
    } else {
        QByteArrayView raw = finder.value();
        if (raw.size() > maxChars * 4)
            raw = raw.first(maxChars * 4);
        text = QString::fromUtf8(raw);
    }
    for (QChar &c : text) { // one line, whatever the value held
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
        else if (c.unicode() < 0x20)
            c = QChar(0xfffd);
    }
    if (text.size() > maxChars) {
        text.truncate(maxChars - 1);
        text += QChar(0x2026);
    }
    return text;
}

} // namespace Payload
