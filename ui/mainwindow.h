#pragma once

#include <QMainWindow>

class QLabel;
class QTableView;

namespace Capture {
class CaptureEngine;
}

namespace Ui {

class RequestTableModel;

struct WindowOptions
{
    quint16 port = 8080;   ///< first port tried; the next free one is taken when it is busy
    int portAttempts = 100;
};

/// The main window. This version: the request table and a status line with the URL to
/// send webhooks to.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const WindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    Capture::CaptureEngine *engine() const { return m_engine; }
    RequestTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString statusText() const;

private:
    Capture::CaptureEngine *m_engine;
    RequestTableModel *m_model;
    QTableView *m_table;
    QLabel *m_urlLabel;
    QLabel *m_countLabel;
};

} // namespace Ui
