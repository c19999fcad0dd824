#pragma once

#include "span.h"

#include <QColor>

#include <array>

class QPalette;

namespace Gui {

/// The colours of the code and hex views, derived from a palette so that they follow light and dark
/// themes: the syntax colours are picked by the lightness of the base colour, everything else is
/// the palette's own.
struct ViewTheme
{
    QColor base;
    QColor text;
    QColor dimText; ///< line numbers, offsets, non-printable bytes, the long-line marker
    QColor gutter;  ///< background of the line-number and offset column
    QColor selection;
    QColor selectedText;
    QColor caret;
    QColor highlightRange; ///< background of the range set with setHighlightRange()
    std::array<QColor, spanRoleCount> roleText;
    QColor errorBackground;
    QColor matchBackground;
    bool dark = false;

    static ViewTheme fromPalette(const QPalette &palette);
    QColor colorFor(SpanRole role) const { return roleText[std::size_t(role)]; }
};

} // namespace Gui
