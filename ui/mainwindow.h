#pragma once

#include "session/capturedrequest.h"

#include <QMainWindow>
#include <QThreadPool>

#include <memory>

class QLabel;
class QTableView;

namespace Capture {
class CaptureEngine;
class SessionController;
} // namespace Capture

namespace Session {
class SummaryStore;
}

namespace Ui {

class RequestTableModel;

struct WindowOptions
{
    quint16 port = 8080; ///< first port tried; the next free one is taken when it is busy
    int portAttempts = 100;
    QString sessionPath; ///< open this session; empty: the scratch session
};

/// The main window: the request table, the session it belongs to, and the URL to send to.
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
    QString statusText() const;
    /// The last error shown to the user, for tests.
    QString lastError() const { return m_lastError; }
    bool isLoading() const { return m_loading; }

public Q_SLOTS:
    void openSession(const QString &path);
    void saveSessionAs(const QString &path);
    void newSession();

private:
    void createMenus();
    void onSessionChanged(const QString &path, bool scratch, bool resumed);
    void reloadTable(const QString &path);
    void onLoaded(int generation, std::shared_ptr<Session::SummaryStore> store, const QString &error);
    void showError(const QString &message);
    void updateCount();

    WindowOptions m_options;
    Capture::CaptureEngine *m_engine;
    Capture::SessionController *m_sessions;
    RequestTableModel *m_model;
    QTableView *m_table;
    QLabel *m_urlLabel;
    QLabel *m_sessionLabel;
    QLabel *m_countLabel;
    QThreadPool m_loader;
    int m_loadGeneration = 0;
    bool m_loading = false;
    bool m_listenerStarted = false;
    Session::CapturedBatch m_liveWhileLoading; // rows that arrived while the table was loading
    QString m_lastError;
};

} // namespace Ui
