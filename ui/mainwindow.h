#pragma once

#include "capture/responserules.h"
#include "session/capturedrequest.h"

#include <QHash>
#include <QHostAddress>
#include <QMainWindow>
#include <QThreadPool>

#include <memory>

class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Capture {
class CaptureEngine;
class SessionController;
struct ListenConfig;
} // namespace Capture

namespace Session {
class SummaryStore;
}

namespace Gui {

class AnswerRules;
class CaptureControls;
class EmptyState;
class FilterBar;
class HarTransfer;
class RateChart;
class RecordSource;
class RequestActions;
class RequestDetail;
class RequestTableModel;
class RequestTableView;
class SelectionDetail;
class SignatureSettings;
class TunnelControls;
class TableFilter;

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
    QTableView *table() const;
    RequestDetail *detail() const { return m_detail; }
    FilterBar *filterBar() const { return m_filterBar; }
    /// Whether a search through headers and bodies is still running.
    bool isFiltering() const;
    QString statusText() const;
    /// The last error shown to the user, for tests.
    QString lastError() const { return m_lastError; }
    bool isLoading() const { return m_loading; }
    /// Whether the request shown below the table is the one selected (loading done).
    bool isDetailReady() const;
    /// HAR import and export (their lane, whether one runs).
    HarTransfer *harTransfer() const { return m_har; }
    /// The named action of the menus ("copyCurl", "followNewest", "replay", "sendToSender", ...).
    QAction *action(const QString &name) const;

public Q_SLOTS:
    void openSession(const QString &path);
    void saveSessionAs(const QString &path);
    void newSession();
    void importHar(const QString &path);
    void exportHar(const QString &path);
    /// Uses these answer rules from the next request on, and keeps them for the next start.
    /// Applies what the settings say: listener address and port, limits, durable answers.
    void applySettings();
    /// The Settings dialog; with a scheme, open on the Secrets page with a new entry for it.
    void openSettings(const QString &secretsScheme);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut,
                       std::function<void()> slot);
    void addNamedAction(QAction *action);
    void onSessionChanged(const QString &path, bool scratch, bool resumed);
    /// What the listener starts with: answers, limits and durability from the settings.
    Capture::ListenConfig listenConfig() const;
    void onCaptured(const Session::CapturedBatch &batch);
    void flushRows();
    void followNewest();
    void reloadTable(const QString &path);
    void onLoaded(int generation, std::shared_ptr<Session::SummaryStore> store, const QString &error);
    void showError(const QString &message);
    void updateCount();
    void updateEmptyState();
    void chooseAndOpen();
    void chooseAndSaveAs();

    // First: the members below start work on them. Each lane is one thread, so work in one never
    // waits behind another's: the table and the selected request load in m_loader, the filter
    // searches bodies in m_search, and HAR import and export have their own (HarTransfer).
    QThreadPool m_loader;
    QThreadPool m_search;
    Capture::CaptureEngine *m_engine;
    Capture::SessionController *m_sessions;
    CaptureControls *m_capture;
    HarTransfer *m_har;
    SignatureSettings *m_signatures;
    TunnelControls *m_tunnel = nullptr;
    RecordSource *m_records;
    RequestTableModel *m_model;
    RequestTableView *m_table;
    EmptyState *m_empty;
    QStackedWidget *m_tableStack;
    FilterBar *m_filterBar;
    TableFilter *m_tableFilter;
    RequestDetail *m_detail;
    QSplitter *m_splitter;
    QLabel *m_sessionLabel;
    QLabel *m_countLabel;
    RateChart *m_rate;
    QHash<QString, QAction *> m_actions;
    QTimer *m_rowTimer;
    RequestActions *m_rowActions = nullptr;
    SelectionDetail *m_selection = nullptr;
    int m_loadGeneration = 0;
    bool m_loading = false;
    Session::CapturedBatch m_pendingRows;      // arrived since the last UI tick
    Session::CapturedBatch m_liveWhileLoading; // arrived while the table was loading
    AnswerRules *m_answers;
    QString m_lastError;
};

} // namespace Gui
