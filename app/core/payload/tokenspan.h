#pragma once

#include <QList>
#include <QtGlobal>

#include <algorithm>
#include <utility>

namespace Payload {

/// What a piece of formatted text is, for syntax highlighting.
enum class TokenType : quint8 {
    Key,                   ///< JSON member name (with its quotes)
    String,                ///< JSON string value (with its quotes)
    Number,                ///< JSON number, as spelled
    Literal,               ///< JSON true, false, null
    Punctuation,           ///< JSON { } [ ] , :
    Tag,                   ///< XML `<name`, `>`, `/>`, `</name>`
    AttributeName,         ///< XML attribute name
    AttributeValue,        ///< XML attribute value (with its quotes)
    Text,                  ///< XML character data
    Comment,               ///< XML `<!-- ... -->`
    CData,                 ///< XML `<![CDATA[ ... ]]>`
    ProcessingInstruction, ///< XML `<? ... ?>`, including the XML declaration
    Doctype,               ///< XML `<!DOCTYPE ...>`
};

/// One highlighted run: `length` bytes (or UTF-16 units, for the QStringView line functions) from `start`.
struct TokenSpan
{
    quint32 start = 0;
    quint32 length = 0;
    TokenType type = TokenType::Text;

    friend bool operator==(const TokenSpan &, const TokenSpan &) = default;
};

/// The spans touching [from, to) of a list sorted by start and not overlapping, as an index range
/// [first, last): what a highlighter needs for one line. O(log n).
inline std::pair<qsizetype, qsizetype> spansInRange(const QList<TokenSpan> &spans, qsizetype from, qsizetype to)
{
    const auto endsAfterFrom = [](const TokenSpan &s, qsizetype pos) { return qsizetype(s.start) + s.length <= pos; };
    const auto startsAtOrAfter = [](qsizetype pos, const TokenSpan &s) { return pos <= qsizetype(s.start); };
    const auto first = std::lower_bound(spans.cbegin(), spans.cend(), from, endsAfterFrom);
    const auto last = std::upper_bound(first, spans.cend(), to, startsAtOrAfter);
    return {first - spans.cbegin(), last - spans.cbegin()};
}

} // namespace Payload
