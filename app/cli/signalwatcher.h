#pragma once

#include <QObject>

class QSocketNotifier;

namespace Cli {

/// Turns SIGINT and SIGTERM into a Qt signal on the thread that made the watcher, through a
/// self-pipe: the only safe way out of a signal handler is a write(2).
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Cli
