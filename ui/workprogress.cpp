#include "workprogress.h"

#include <QProgressDialog>

namespace Gui {

WorkProgress::WorkProgress(QWidget *parent, const QString &label, Qt::WindowModality modality)
    : m_cancel(std::make_shared<std::atomic_bool>(false))
    , m_parent(parent)
{
    auto *dialog = new QProgressDialog(label, QProgressDialog::tr("Cancel"), 0, 0, parent);
    dialog->setWindowModality(modality);
    dialog->setMinimumDuration(500);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [cancel = m_cancel] { *cancel = true; });
    m_dialog = dialog;
}

void WorkProgress::report(qint64 done, qint64 total) const
{
    QMetaObject::invokeMethod(m_parent, [dialog = m_dialog, done, total] {
        if (!dialog || total <= 0)
            return;
        dialog->setMaximum(1000);
        dialog->setValue(int(1000 * done / total));
    });
}

void WorkProgress::finish() const
{
    if (m_dialog)
        m_dialog->deleteLater();
}

} // namespace Gui
