#pragma once

#include <QPointer>
#include <QString>
#include <Qt>

#include <atomic>
#include <memory>

class QProgressDialog;
class QWidget;

namespace Gui {

/// A progress dialog for work on a pool thread: shown only if the work takes more than a moment;
/// Cancel tells the worker to stop. Copied into the worker, which reports through it.
class WorkProgress
{
public:
    /// `modality`: Qt::NonModal for work the user goes on working beside (a HAR export).
    WorkProgress(QWidget *parent, const QString &label, Qt::WindowModality modality = Qt::WindowModal);

    /// Any thread: whether the user pressed Cancel.
    bool cancelled() const { return *m_cancel; }
    /// Any thread: how far the work got.
    void report(qint64 done, qint64 total) const;
    /// The parent's thread: the work is over; the dialog goes.
    void finish() const;

private:
    std::shared_ptr<std::atomic_bool> m_cancel;
    QWidget *m_parent;
    QPointer<QProgressDialog> m_dialog;
};

} // namespace Gui
