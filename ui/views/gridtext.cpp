#include "gridtext.h"

#include <QGlyphRun>
#include <QPainter>
#include <QVarLengthArray>

namespace Gui {

void GridText::setFont(const QFont &font)
{
    m_raw = QRawFont::fromFont(font);
}

void GridText::draw(QPainter &painter, qreal x0, qreal baseline, qreal cellWidth, QStringView cells, int first,
                    int last, const quint8 *inks, const std::function<QColor(quint8)> &colorOf) const
{
    if (last <= first)
        return;
    // One glyph per cell: surrogates become spaces here and are drawn alone below.
    const int count = last - first;
    QVarLengthArray<QChar, 512> chars(count);
    for (int i = 0; i < count; ++i) {
        const QChar c = cells[first + i];
        chars[i] = c.isSurrogate() ? QChar(u' ') : c;
    }
    QVarLengthArray<quint32, 512> glyphs(count);
    int glyphCount = count;
    if (!m_raw.isValid() || !m_raw.glyphIndexesForChars(chars.constData(), count, glyphs.data(), &glyphCount) ||
        glyphCount != count)
        std::fill(glyphs.begin(), glyphs.end(), 0);

    QList<quint32> runGlyphs;
    QList<QPointF> runPositions;
    quint8 runInk = 0;
    const auto flush = [&] {
        if (runGlyphs.isEmpty())
            return;
        QGlyphRun run;
        run.setRawFont(m_raw);
        run.setGlyphIndexes(runGlyphs);
        run.setPositions(runPositions);
        painter.setPen(colorOf(runInk));
        painter.drawGlyphRun(QPointF(), run);
        runGlyphs.clear();
        runPositions.clear();
    };
    for (int i = 0; i < count; ++i) {
        const QChar c = cells[first + i];
        if (c == u' ' || c.isLowSurrogate())
            continue;
        const quint8 ink = inks[i];
        const QPointF at(x0 + (first + i) * cellWidth, baseline);
        if (c.isHighSurrogate() || glyphs[i] == 0) {
            flush();
            painter.setPen(colorOf(ink));
            const bool pair = c.isHighSurrogate() && first + i + 1 < cells.size();
            painter.drawText(at, cells.mid(first + i, pair ? 2 : 1).toString());
            continue;
        }
        if (ink != runInk)
            flush();
        runInk = ink;
        runGlyphs.append(glyphs[i]);
        runPositions.append(at);
    }
    flush();
}

} // namespace Gui
