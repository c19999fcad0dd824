#include "rowdelegate.h"
#include "requesttablemodel.h"
#include "signing/signaturebadge.h"

#include <QApplication>
#include <QPainter>

namespace Gui {

namespace {
constexpr int kCachedCells = 20000;
constexpr int kPadding = 4;
constexpr int kBadgeRoom = 10; // the pill: its margin and padding beyond the cell padding
} // namespace

RowDelegate::RowDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_cache(kCachedCells)
{
}

const QStaticText &RowDelegate::laidOut(const QString &text, const QFont &font, int width) const
{
    // The key holds the width: the same text elides differently in a narrower column.
    const QString key = QString::number(width) + QLatin1Char('\x1f') + text;
    if (QStaticText *cached = m_cache.object(key))
        return *cached;
    const QFontMetrics metrics(font);
    auto *laid = new QStaticText(
        metrics.horizontalAdvance(text) <= width ? text : metrics.elidedText(text, Qt::ElideRight, width));
    laid->setTextFormat(Qt::PlainText);
    laid->setPerformanceHint(QStaticText::AggressiveCaching);
    laid->prepare(QTransform(), font);
    m_cache.insert(key, laid);
    return *m_cache.object(key);
}

void RowDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    if (selected) {
        painter->fillRect(option.rect, option.palette.brush(group, QPalette::Highlight));
    } else if (const QVariant background = index.data(Qt::BackgroundRole); background.canConvert<QBrush>()) {
        painter->fillRect(option.rect, background.value<QBrush>());
    }

    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty())
        return;
    QColor color = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    if (!selected) {
        const QVariant foreground = index.data(Qt::ForegroundRole);
        if (foreground.canConvert<QBrush>())
            color = foreground.value<QBrush>().color();
    }
    const QVariant badge = index.data(RequestTableModel::BadgeColorRole);
    // A badge's pill takes room of its own around the text.
    const int width = option.rect.width() - 2 * kPadding - (badge.isValid() ? kBadgeRoom : 0);
    if (width <= 0)
        return;
    const QStaticText &laid = laidOut(text, option.font, width);
    if (badge.isValid()) {
        SignatureBadge::paint(painter, option.rect, laid, badge.value<QColor>(), selected);
        return;
    }
    const QSizeF size = laid.size();
    const Qt::Alignment align = Qt::Alignment(index.data(Qt::TextAlignmentRole).toInt());
    const qreal x =
        align & Qt::AlignRight ? option.rect.right() - kPadding - size.width() : option.rect.left() + kPadding;
    const qreal y = option.rect.top() + (option.rect.height() - size.height()) / 2;
    painter->setPen(color);
    painter->drawStaticText(QPointF(x, y), laid);
}

} // namespace Gui
