#pragma once

#include <QFont>
#include <QRawFont>
#include <QStringView>

#include <functional>

class QPainter;

namespace Gui {

/// Draws text on a grid of equal cells, one QChar a cell, without shaping: glyphs of the primary
/// font are placed at their cells in one glyph run per colour. A character the font lacks (drawn
/// from a fallback font, perhaps two cells wide) and a surrogate pair are drawn alone at their cell,
/// so they cannot push the rest of the line off the grid. Nothing is reordered for right-to-left
/// text: the cells show the characters in the order of the bytes.
class GridText
{
public:
    void setFont(const QFont &font);

    /// Draws cells [first, last) of `cells`, cell i at x = x0 + i * cellWidth on `baseline`, in the
    /// colour colorOf(inks[i - first]). Spaces are skipped.
    void draw(QPainter &painter, qreal x0, qreal baseline, qreal cellWidth, QStringView cells, int first, int last,
              const quint8 *inks, const std::function<QColor(quint8)> &colorOf) const;

private:
    QRawFont m_raw;
};

} // namespace Gui
