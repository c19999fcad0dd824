#pragma once

#include <QByteArrayView>
#include <QList>

#include <functional>

namespace Gui {

/// What a stretch of text is, for colouring; the colours come from the palette (see ViewTheme).
enum class SpanRole : quint8 {
    Key,
    String,
    Number,
    Literal, ///< true, false, null and the like
    Punctuation,
    Tag,
    Attribute,
    Comment,
    Error,
    Match,
};
inline constexpr int spanRoleCount = int(SpanRole::Match) + 1;

/// A coloured stretch of one line: byte offsets relative to the start of that line.
struct Span
{
    qsizetype start = 0;
    qsizetype length = 0;
    SpanRole role = SpanRole::Punctuation;

    friend bool operator==(const Span &, const Span &) = default;
};

/// Colours one visible line. `lineStart` is the line's byte offset in the whole text, `line` its bytes
/// (without the line break, and cut to the painted length on absurdly long lines). Called on the GUI
/// thread for visible lines only, so it must be quick and must not keep `line`.
using LineHighlighter = std::function<void(qsizetype lineStart, QByteArrayView line, QList<Span> &spans)>;

} // namespace Gui
