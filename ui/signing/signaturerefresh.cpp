#include "signaturerefresh.h"

#include "recordsource.h"
#include "requestdetail.h"
#include "requesttablemodel.h"
#include "signing/signaturesettings.h"

#include "capture/captureengine.h"

#include <QTimer>

namespace Gui {

namespace {
constexpr int kTickMs = 50; // as often as new rows are added to the table
} // namespace

SignatureRefresh::SignatureRefresh(Capture::CaptureEngine *engine, SignatureSettings *settings,
                                   RequestTableModel *model, RecordSource *records, RequestDetail *detail,
                                   QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_records(records)
    , m_detail(detail)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kTickMs);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SignatureRefresh::flush);
    connect(engine, &Capture::CaptureEngine::signaturesUpdated, this, &SignatureRefresh::add);
    // The Signature tab diagnoses with what the engine verifies with.
    detail->setSignatureConfig(settings->engineConfig());
    connect(settings, &SignatureSettings::configApplied, detail,
            [detail, settings] { detail->setSignatureConfig(settings->engineConfig()); });
}

void SignatureRefresh::add(const Session::SignatureUpdates &updates)
{
    for (const Session::SignatureUpdate &u : updates) {
        const auto it = m_index.constFind(u.id);
        if (it != m_index.constEnd()) {
            m_pending[*it] = u;
        } else {
            m_index.insert(u.id, m_pending.size());
            m_pending.append(u);
        }
    }
    if (!m_pending.isEmpty() && !m_timer->isActive())
        m_timer->start();
}

void SignatureRefresh::flush()
{
    if (m_pending.isEmpty())
        return;
    const Session::SignatureUpdates updates = std::exchange(m_pending, {});
    m_index.clear();
    m_model->updateSignatures(updates);
    m_records->updateSignatures(updates);
    m_detail->updateSignatures(updates);
}

} // namespace Gui
