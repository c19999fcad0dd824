#pragma once

#include "capture/responserules.h"
#include "session/capturedrequest.h"
#include "filter/filter.h"

#include <QHash>
#include <QHostAddress>
#include <QMainWindow>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressDialog;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace Capture {
class CaptureEngine;
class SessionController;
} // namespace Capture

namespace Session {
class SummaryStore;
}

namespace Ui {

class EmptyState;
class FilterBar;
class RateChart;
class RequestDetail;
class RequestTableModel;

struct WindowOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080; ///< first port tried; the next free one is taken when it is busy
    int portAttempts = 100;
    QString sessionPath; ///< open this session; empty: the scratch session
};

/// The main window: the request table over the session, the selected request below it, the
/// listener in the toolbar and the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const WindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    Capture::CaptureEngine *engine() const { return m_engine; }
    Capture::SessionController *sessions() const { return m_sessions; }
    RequestTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    RequestDetail *detail() const { return m_detail; }
    FilterBar *filterBar() const { return m_filterBar; }
    /// Whether a search through headers and bodies is still running.
    bool isFiltering() const { return m_scanRunning; }
    QString statusText() const;
    /// The last error shown to the user, for tests.
    QString lastError() const { return m_lastError; }
    bool isLoading() const { return m_loading; }
    /// Whether the request shown below the table is the one selected (loading done).
    bool isDetailReady() const;
    /// The named action of the menus ("copyCurl", "followNewest", ...), for tests.
    QAction *action(const QString &name) const;

public Q_SLOTS:
    void openSession(const QString &path);
    void saveSessionAs(const QString &path);
    void newSession();
    void importHar(const QString &path);
    void exportHar(const QString &path);
    /// Uses these answer rules from the next request on, and keeps them for the next start.
    void applyRules(const Capture::ResponseRules &rules);
    /// Applies what the settings say: listener address and port, limits, durable answers.
    void applySettings();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                       std::function<void()> slot);
    void onSessionChanged(const QString &path, bool scratch, bool resumed);
    void onCaptured(const Session::CapturedBatch &batch);
    void flushRows();
    void followNewest();
    void reloadTable(const QString &path);
    void onLoaded(int generation, std::shared_ptr<Session::SummaryStore> store, const QString &error);
    void onSelectionChanged();
    void applyFilter(const Session::Filter &filter);
    void reselect(qint64 id);
    void showError(const QString &message);
    void updateCount();
    void updateEmptyState();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void applyListenAddress();
    void copyText(const QString &text, const QString &what);
    struct Progress
    {
        std::shared_ptr<std::atomic_bool> cancel;
        QProgressDialog *dialog;
    };
    Progress startProgress(const QString &label);
    void reportProgress(const QPointer<QProgressDialog> &dialog, qint64 done, qint64 total);
    void saveBody();
    void deleteSelected();
    void compareSelected();
    void chooseAndOpen();
    void chooseAndSaveAs();

    WindowOptions m_options;
    Capture::CaptureEngine *m_engine;
    Capture::SessionController *m_sessions;
    RequestTableModel *m_model;
    QTableView *m_table;
    EmptyState *m_empty;
    QStackedWidget *m_tableStack;
    FilterBar *m_filterBar;
    RequestDetail *m_detail;
    QSplitter *m_splitter;
    QLabel *m_urlLabel;
    QLabel *m_sessionLabel;
    QLabel *m_countLabel;
    RateChart *m_rate;
    QLineEdit *m_addressEdit;
    QMenu *m_recentMenu = nullptr;
    QHash<QString, QAction *> m_actions;
    QThreadPool m_loader;
    QTimer *m_rowTimer;
    int m_loadGeneration = 0;
    int m_detailGeneration = 0;
    qint64 m_detailId = 0;
    bool m_loading = false;
    Session::Filter m_filter;
    int m_filterGeneration = 0;
    bool m_scanRunning = false;
    std::shared_ptr<std::atomic<bool>> m_scanCancel;
    bool m_listenerStarted = false;
    bool m_keepListenChoice = false;           // store the address typed in the toolbar once listening works
    Session::CapturedBatch m_pendingRows;      // arrived since the last UI tick
    Session::CapturedBatch m_liveWhileLoading; // arrived while the table was loading
    // The newest records, kept whole so selecting a fresh row needs no file read.
    QHash<qint64, Session::CapturedRequestPtr> m_recent;
    QList<qint64> m_recentOrder;
    Capture::ResponseRules m_rules;
    QString m_lastError;
};

} // namespace Ui
