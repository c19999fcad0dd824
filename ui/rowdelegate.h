#pragma once

#include <QCache>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace Gui {

/**
 * Paints the request table's cells: one line of elided text each, laid out once and kept in a
 * bounded cache. The stock delegate lays text out anew for every cell in every frame, which
 * takes most of a frame's time at full-screen sizes; methods, statuses and content types repeat,
 * so most cells are cache hits.
 */
class RowDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RowDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const QStaticText &laidOut(const QString &text, const QFont &font, int width) const;

    mutable QCache<QString, QStaticText> m_cache;
};

} // namespace Gui
