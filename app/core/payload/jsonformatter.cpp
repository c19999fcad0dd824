#include "jsonformatter.h"

#include "jsonscanner.h"

#include <cstring>

namespace Payload {

namespace {

// Writes the pretty text straight into a buffer it grows itself: one capacity check per token
// and a memcpy keep this near memory speed.
class PrettyWriter
{
public:
    PrettyWriter(QByteArrayView input, const JsonFormatOptions &options)
        : m_inputEnd(input.data() + input.size())
        , m_maxIndent(qMax(options.maxIndentLevels, 0))
        , m_limit(options.maxOutputBytes)
        , m_maxLines(options.maxLines > 0 ? options.maxLines : std::numeric_limits<qint64>::max())
    {
        m_newline = QByteArray(1 + 2 * m_maxIndent + kBlock, ' ');
        m_newline[0] = '\n';
        const qsizetype inputSize = input.size();
        // Pretty text is usually one to two times the input; growing by half as needed.
        qint64 guess = qMin<qint64>(qint64(inputSize) + inputSize / 2 + 4096, m_limit);
        if (options.maxLines > 0) // a first screen: lines are short, and the buffer grows if not
            guess = qMin<qint64>(guess, options.maxLines * 128 + 4096);
        m_buf.resize(qsizetype(guess));
        m_out = m_buf.data();
        m_end = m_out + m_buf.size();
    }

    bool begin(JsonType type, const char *)
    {
        if (!reserve(1) || !mayStartToken())
            return false;
        prefix();
        *m_out++ = type == JsonType::Object ? '{' : '[';
        ++m_depth;
        m_first = true;
        return true;
    }

    bool end(JsonType type, const char *)
    {
        --m_depth;
        if (!reserve(1) || (!m_first && !lineAllowed()))
            return false;
        if (!m_first)
            newline(m_depth);
        *m_out++ = type == JsonType::Object ? '}' : ']';
        m_first = false;
        return true;
    }

    bool key(const char *b, const char *e)
    {
        const qsizetype n = e - b;
        if (!reserve(n + 2) || !mayStartToken())
            return false;
        prefix();
        copy(b, n);
        *m_out++ = ':';
        *m_out++ = ' ';
        m_afterKey = true;
        return true;
    }

    bool scalar(JsonType, const char *b, const char *e)
    {
        const qsizetype n = e - b;
        if (!reserve(n) || !mayStartToken())
            return false;
        prefix();
        copy(b, n);
        return true;
    }

    bool lineLimitReached() const { return m_lineLimitReached; }

    QString stopReason() const
    {
        return QCoreApplication::translate("Payload::Json", "the formatted text would be larger than %1 MiB")
            .arg(m_limit >> 20);
    }

    QByteArray take()
    {
        m_buf.resize(m_out - m_buf.data());
        m_buf.squeeze();
        return std::move(m_buf);
    }

private:
    // Whether the line limit lets prefix() go on. A value after its member name and the top
    // value start no line. When stopping, the line that ends is given the ',' that belongs to
    // it, so the text is exactly a prefix of the full output.
    bool mayStartToken()
    {
        if (m_afterKey || m_depth == 0 || lineAllowed())
            return true;
        if (!m_first)
            *m_out++ = ',';
        return false;
    }

    // Whether one more line may start; a stop thus always falls at the end of a line.
    bool lineAllowed()
    {
        if (m_lines + 1 < m_maxLines)
            return true;
        m_lineLimitReached = true;
        return false;
    }

    // Most tokens and indents are short: fixed-size block copies (which compile to a couple of
    // vector moves) beat a memcpy call per token. reserve() leaves kBlock bytes of slack for that.
    void newline(int depth)
    {
        ++m_lines;
        const qsizetype n = 1 + 2 * qMin(depth, m_maxIndent);
        const char *src = m_newline.constData();
        for (qsizetype i = 0; i < n; i += kBlock)
            std::memcpy(m_out + i, src + i, kBlock);
        m_out += n;
    }

    void copy(const char *b, qsizetype n)
    {
        if (n <= kBlock && m_inputEnd - b >= kBlock)
            std::memcpy(m_out, b, kBlock);
        else
            std::memcpy(m_out, b, size_t(n));
        m_out += n;
    }

    // What goes before a value or member name: nothing after a name or at the top, else the
    // separator of the previous sibling and a fresh line.
    void prefix()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_depth == 0)
            return;
        if (!m_first)
            *m_out++ = ',';
        m_first = false;
        newline(m_depth);
    }

    // Makes room for a token of `bytes` and whatever prefix() or a closing newline may write
    // around it, with the block-copy overrun.
    bool reserve(qsizetype bytes)
    {
        const qsizetype slack = 2 + m_newline.size() + kBlock;
        if (m_end - m_out >= bytes + slack)
            return true;
        const qsizetype used = m_out - m_buf.data();
        if (qint64(used) + bytes > m_limit)
            return false;
        const qint64 grown = qMax<qint64>(qint64(used) + bytes + slack, qint64(m_buf.size()) * 3 / 2);
        m_buf.resize(qsizetype(qMin<qint64>(grown, m_limit + slack)));
        m_out = m_buf.data() + used;
        m_end = m_buf.data() + m_buf.size();
        return true;
    }

    static constexpr qsizetype kBlock = 16;

    const char *m_inputEnd;
    QByteArray m_buf;
    QByteArray m_newline; // '\n' and the deepest indentation, and kBlock bytes of slack
    char *m_out = nullptr;
    char *m_end = nullptr;
    int m_maxIndent;
    qint64 m_limit;
    qint64 m_maxLines;
    qint64 m_lines = 0; // newlines written
    bool m_lineLimitReached = false;
    int m_depth = 0;
    bool m_first = false;
    bool m_afterKey = false;
};

template<typename Char>
QList<TokenSpan> lineSpans(const Char *s, qsizetype n)
{
    QList<TokenSpan> spans;
    auto add = [&](qsizetype start, qsizetype end, TokenType type) {
        spans.append(TokenSpan{quint32(start), quint32(end - start), type});
    };
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = char16_t(s[i]);
        if (c == '"') {
            qsizetype j = i + 1;
            while (j < n && s[j] != '"') {
                j += s[j] == '\\' ? 2 : 1;
            }
            j = qMin(j + 1, n);
            qsizetype k = j;
            while (k < n && (s[k] == ' ' || s[k] == '\t'))
                ++k;
            add(i, j, k < n && s[k] == ':' ? TokenType::Key : TokenType::String);
            i = j;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            qsizetype j = i + 1;
            while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == 'e' || s[j] == 'E' || s[j] == '+' ||
                             s[j] == '-'))
                ++j;
            add(i, j, TokenType::Number);
            i = j;
        } else if (c >= 'a' && c <= 'z') {
            qsizetype j = i + 1;
            while (j < n && s[j] >= 'a' && s[j] <= 'z')
                ++j;
            const qsizetype len = j - i;
            auto is = [&](const char *word) {
                for (qsizetype k = 0; k < len; ++k) {
                    if (s[i + k] != word[k])
                        return false;
                }
                return word[len] == '\0';
            };
            if (is("true") || is("false") || is("null"))
                add(i, j, TokenType::Literal);
            i = j;
        } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':') {
            add(i, i + 1, TokenType::Punctuation);
            ++i;
        } else {
            ++i;
        }
    }
    return spans;
}

} // namespace

JsonFormatResult formatJson(QByteArrayView json, const JobControl &control, const JsonFormatOptions &options)
{
    JsonFormatResult result;
    PrettyWriter writer(json, options);
    switch (Detail::scanJson(json, writer, control, result.error)) {
    case Detail::JsonScanStatus::Ok:
        result.text = writer.take();
        break;
    case Detail::JsonScanStatus::Invalid:
        if (writer.lineLimitReached()) {
            result.error = {};
            result.truncated = true;
            result.text = writer.take();
        }
        break;
    case Detail::JsonScanStatus::Cancelled:
        result.cancelled = true;
        break;
    }
    return result;
}

QList<TokenSpan> jsonLineSpans(QByteArrayView line)
{
    return lineSpans(line.data(), line.size());
}

QList<TokenSpan> jsonLineSpans(QStringView line)
{
    return lineSpans(line.utf16(), line.size());
}

} // namespace Payload
