#include "findbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Gui {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_result(new QLabel(this))
{
    m_edit->setPlaceholderText(tr("Find in this request"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    auto *previous = new QToolButton(this);
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"));
    auto *next = new QToolButton(this);
    next->setText(tr("Next"));
    next->setToolTip(tr("Next match (Enter, F3)"));
    auto *close = new QToolButton(this);
    close->setText(tr("Close"));
    close->setToolTip(tr("Close (Escape)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_result);
    layout->addWidget(close);
    connect(previous, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), false); });
    connect(next, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), true); });
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    connect(m_edit, &QLineEdit::textChanged, m_result, &QLabel::clear);
}

QString FindBar::text() const
{
    return m_edit->text();
}

void FindBar::open()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FindBar::setResult(const QString &message, bool found)
{
    m_result->setText(found ? message
                            : QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(message.toHtmlEscaped()));
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_edit || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        Q_EMIT findRequested(text(), !(key->modifiers() & Qt::ShiftModifier));
        return true;
    case Qt::Key_Escape:
        hide();
        Q_EMIT closed();
        return true;
    default:
        return QWidget::eventFilter(watched, event);
    }
}

} // namespace Gui
