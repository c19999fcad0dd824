#pragma once

#include "session/capturedrequest.h"

#include <QObject>

#include <functional>

class QAction;
class QKeySequence;

namespace Gui {

class MainWindow;
class RecordSource;

/**
 * What can be done with the requests selected in the table, as named actions for the window's
 * menus and the rows' context menu: Copy as curl, Copy Request URL, Copy Body, Copy Headers, Save Body
 * As…, Delete and Compare. One-request actions work on the selected request even while the
 * detail pane is still reading it from the session file.
 */
class RequestActions : public QObject
{
    Q_OBJECT

public:
    RequestActions(MainWindow *window, RecordSource *records);

    /// Named copyCurl, copyRequestUrl, copyBody, copyHeaders, saveBody, delete, compare.
    const QList<QAction *> &actions() const { return m_actions; }
    /// Puts `text` on the clipboard and says so in the status bar ("Copied the `what`").
    void copyText(const QString &text, const QString &what);
    /// A read-only session cannot delete.
    void setReadOnly(bool readOnly);

Q_SIGNALS:
    void error(const QString &message);
    /// Requests were deleted from the session and the table.
    void deleted();

private:
    QAction *add(const char *name, const QString &text, const QKeySequence &keys, void (RequestActions::*slot)());
    /// Runs `use` with the one selected request: the one the detail shows, or read from the file.
    void withSelected(const std::function<void(const Session::CapturedRequest &)> &use);
    void copyCurl();
    void copyRequestUrl();
    void copyBody();
    void copyHeaders();
    void saveBody();
    void deleteSelected();
    void compareSelected();

    MainWindow *m_window;
    RecordSource *m_records;
    QList<QAction *> m_actions;
};

} // namespace Gui
