#pragma once

#include <QObject>

class QWidget;

namespace Gui {

/// Files dropped on the window: a .hookscope session opens, a .har file is imported. Watches the
/// window's drag events, so the window itself needs no handlers.
class SessionDrops : public QObject
{
    Q_OBJECT

public:
    explicit SessionDrops(QWidget *window);

Q_SIGNALS:
    void openRequested(const QString &path);
    void importRequested(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace Gui
