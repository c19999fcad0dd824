#include "exchangeview.h"
#include "bodyview.h"
#include "fieldsmodel.h"
#include "views/codeview.h"
#include "views/hexview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

QString ExchangeView::fingerprintText(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

ExchangeView::ExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_certificateBar(new QWidget(this))
    , m_certificate(new QLabel(m_certificateBar))
    , m_accept(new QPushButton(tr("&Accept this Certificate…"), m_certificateBar))
    , m_tabs(new QTabWidget(this))
    , m_request(new CodeView(this))
    , m_headers(new FieldsModel(this))
    , m_headersView(new QTableView(this))
    , m_body(new BodyView(this))
    , m_raw(new CodeView(this))
    , m_hex(new HexView(this))
{
    m_headersView->setModel(m_headers);
    m_headersView->verticalHeader()->hide();
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headersView->setColumnWidth(FieldsModel::Index, 40);
    m_headersView->setColumnWidth(FieldsModel::Name, 220);
    m_tabs->addTab(m_request, tr("Request Sent"));
    m_tabs->addTab(m_headersView, tr("Response Headers"));
    m_tabs->addTab(m_body, tr("Response Body"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_hex, tr("Hex"));
    m_certificate->setObjectName(QStringLiteral("untrustedCertificate"));
    m_certificate->setWordWrap(true);
    m_certificate->setTextFormat(Qt::PlainText);
    m_certificate->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accept->setObjectName(QStringLiteral("acceptCertificate"));
    m_accept->setToolTip(tr("Trust this certificate for this host and port from now on, although no CA vouches "
                            "for it"));
    auto *bar = new QHBoxLayout(m_certificateBar);
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_certificate, 1);
    bar->addWidget(m_accept, 0, Qt::AlignTop);
    connect(m_accept, &QPushButton::clicked, this, &ExchangeView::acceptCertificateClicked);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_certificateBar);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ExchangeView::clear()
{
    m_requestBytes.clear();
    m_certificateBar->hide();
    m_request->setText({});
    m_headers->setFields({});
    m_body->clear();
    m_raw->setText({});
    m_hex->setData({});
}

void ExchangeView::showAttempt(const Delivery::AttemptReport &report)
{
    const Http::ExchangeResult &e = report.exchange;
    const bool untrusted = e.outcome == Http::ExchangeResult::Outcome::TlsFailed && !e.peerCertificateSha256.isEmpty();
    if (untrusted)
        m_certificate->setText(tr("Not trusted: %1\nSHA-256 %2\n%3")
                                   .arg(e.peerCertificateSubject, fingerprintText(e.peerCertificateSha256),
                                        e.tlsErrors.join(QLatin1Char(' '))));
    m_certificateBar->setVisible(untrusted);
    m_requestBytes = e.requestHead;
    if (e.bodyBytesSent > 0 && report.requestBody.isEmpty())
        m_requestBytes += tr("(%n byte(s) of the body file)", nullptr, int(e.bodyBytesSent)).toUtf8();
    else
        m_requestBytes += report.requestBody;
    m_request->setText(m_requestBytes);

    const Http::ReceivedResponse &r = e.response;
    FieldsModel::Fields headers;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        headers.append({r.header(i).name.toByteArray(), r.header(i).value.toByteArray()});
    m_headers->setFields(headers);
    m_tabs->setTabText(Headers, tr("Response Headers (%1)").arg(headers.size()));
    m_body->setBody(r.body(), r.headerValue("Content-Type").toByteArray(),
                    r.headerValue("Content-Encoding").toByteArray());
    const QByteArray raw = r.wireBytes();
    m_raw->setText(raw);
    m_hex->setData(raw);
    // Without a response, the bytes sent are what there is to see.
    if (!e.hasResponse() && raw.isEmpty())
        m_tabs->setCurrentIndex(Request);
}

} // namespace Gui
