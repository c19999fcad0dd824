#include "requestdetail.h"
#include "bodyview.h"
#include "capture/ruleindicator.h"
#include "fieldsmodel.h"
#include "findbar.h"
#include "signing/signaturetab.h"
#include "views/codeview.h"
#include "views/hexview.h"

#include "payload/urlencodedform.h"
#include "session/jsontext.h"
#include "tunnel/forwardedclient.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Gui {

namespace {

QTableView *fieldsView(FieldsModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->setColumnWidth(FieldsModel::Index, 40);
    view->setColumnWidth(FieldsModel::Name, 220);
    return view;
}

FieldsModel::Fields queryFields(QByteArrayView target)
{
    FieldsModel::Fields fields;
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return fields;
    QByteArrayView query = target.sliced(q + 1);
    const qsizetype hash = query.indexOf('#');
    if (hash >= 0)
        query = query.first(hash);
    for (const QByteArray &pair : query.toByteArray().split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        fields.append({Payload::percentDecode(eq < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(eq), true),
                       eq < 0 ? QByteArray() : Payload::percentDecode(QByteArrayView(pair).sliced(eq + 1), true)});
    }
    return fields;
}

QString escaped(QByteArrayView bytes)
{
    return FieldsModel::displayText(bytes).toHtmlEscaped();
}

/// The Overview's TLS rows: the protocol and cipher (or whether it was TLS at all), then the server
/// name the client asked for and the protocol ALPN agreed, when known.
QList<std::pair<QString, QString>> tlsRows(const Session::CapturedRequest &r)
{
    const Http::TlsInfo &info = r.tlsInfo;
    QString tls = r.tls ? RequestDetail::tr("yes") : RequestDetail::tr("no");
    if (!info.version.isEmpty())
        tls = info.cipher.isEmpty() ? info.version : info.version + QStringLiteral(" · ") + info.cipher;
    else if (r.tls && r.rejected)
        tls = RequestDetail::tr("yes, no version agreed"); // the handshake failed before that
    QList<std::pair<QString, QString>> rows = {{RequestDetail::tr("TLS"), tls}};
    if (!info.serverName.isEmpty())
        rows.append({RequestDetail::tr("Server name (SNI)"), info.serverName});
    if (!info.alpn.isEmpty())
        rows.append({RequestDetail::tr("ALPN"), info.alpn});
    return rows;
}

} // namespace

RequestDetail::RequestDetail(QWidget *parent)
    : QWidget(parent)
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new QTextBrowser(this))
    , m_headers(new FieldsModel(this))
    , m_query(new FieldsModel(this))
    , m_headersView(fieldsView(m_headers, this))
    , m_queryView(fieldsView(m_query, this))
    , m_body(new BodyView(this))
    , m_raw(new CodeView(this))
    , m_hex(new HexView(this))
    , m_signature(new SignatureTab(this))
    , m_find(new FindBar(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_pages->addWidget(m_tabs);
    m_pages->addWidget(m_placeholder);
    layout->addWidget(m_pages);
    layout->addWidget(m_find);
    m_find->hide();
    connect(m_find, &FindBar::findRequested, this, &RequestDetail::find);
    connect(m_find, &FindBar::closed, this, [this] {
        if (QWidget *page = m_tabs->currentWidget())
            page->setFocus(Qt::OtherFocusReason);
    });
    for (CodeView *view : {m_raw, m_body->codeView()})
        connect(view, &CodeView::findResult, this, &RequestDetail::showFindResult);
    for (HexView *view : {m_hex, m_body->hexView()})
        connect(view, &HexView::findResult, this, &RequestDetail::showFindResult);
    m_overview->setOpenLinks(false);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_headersView, tr("Headers"));
    m_tabs->addTab(m_queryView, tr("Query"));
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_hex, tr("Hex"));
    m_tabs->addTab(m_signature, tr("Signature"));
    connect(m_signature, &SignatureTab::secretsRequested, this, &RequestDetail::secretsRequested);
    clear();
}

void RequestDetail::clear()
{
    m_request.reset();
    m_overview->clear();
    m_headers->setFields({});
    m_query->setFields({});
    m_tabs->setTabText(Headers, tr("Headers"));
    m_tabs->setTabText(Query, tr("Query"));
    m_body->clear();
    m_raw->setText(QByteArray());
    m_raw->clearHighlightRange();
    m_hex->setData({});
    m_signature->clear();
    showSignatureTitle();
    showPlaceholder(tr("Select a request to see it here."));
    Q_EMIT requestShown(0);
}

void RequestDetail::showHiddenByFilter()
{
    clear();
    showPlaceholder(tr("The selected request is hidden by the filter. Change or clear the filter to see it "
                       "again."));
}

void RequestDetail::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_pages->setCurrentWidget(m_placeholder);
}

QString RequestDetail::placeholderText() const
{
    return m_pages->currentWidget() == m_placeholder ? m_placeholder->text() : QString();
}

void RequestDetail::showRequest(Session::CapturedRequestPtr request)
{
    m_request = std::move(request);
    if (!m_request) {
        clear();
        return;
    }
    const Session::CapturedRequest &r = *m_request;
    m_pages->setCurrentWidget(m_tabs);
    m_find->setResult(QString(), true); // a result said of the previous request
    FieldsModel::Fields headers;
    for (qsizetype i = 0; i < r.request.headerCount(); ++i)
        headers.append({r.request.header(i).name.toByteArray(), r.request.header(i).value.toByteArray()});
    m_headers->setFields(headers);
    m_query->setFields(r.request.hasRequestLine() ? queryFields(r.request.target()) : FieldsModel::Fields());
    m_tabs->setTabText(Headers, tr("Headers (%1)").arg(headers.size()));
    m_tabs->setTabText(Query, tr("Query (%1)").arg(m_query->rowCount()));
    showOverview(r);
    showBody(r);
    m_signature->setRequest(m_request);
    showSignatureTitle();
    // The exact bytes received. For a rejected request, the byte where reading failed is marked.
    const QByteArray raw = r.rejected ? r.raw : r.request.wireBytes();
    m_raw->setText(raw);
    m_hex->setData(raw);
    if (r.rejected && r.errorOffset >= 0 && r.errorOffset <= raw.size()) {
        m_raw->setHighlightRange(r.errorOffset, 1);
        m_raw->scrollToOffset(r.errorOffset);
        m_hex->setHighlightRange(r.errorOffset, 1);
        m_hex->scrollToOffset(r.errorOffset);
    } else {
        m_raw->clearHighlightRange();
        m_hex->clearHighlightRange();
    }
    Q_EMIT requestShown(r.id);
}

/// The answer as it went out: status, the headers set by the rule (or the forward), and the start
/// of the body.
QString RequestDetail::answerHtml(const Http::Response &response)
{
    QString html = QStringLiteral("<code>%1 %2</code>")
                       .arg(response.status)
                       .arg(escaped(response.reason.isEmpty() ? Http::Response::standardReason(response.status)
                                                              : response.reason));
    for (const auto &[name, value] : response.headers)
        html += QStringLiteral("<br><code>%1: %2</code>").arg(escaped(name), escaped(value));
    if (!response.body.isEmpty()) {
        constexpr qsizetype shown = 2048;
        html += QStringLiteral("<pre>%1</pre>")
                    .arg(escaped(QByteArrayView(response.body).first(qMin(shown, response.body.size()))));
        if (response.body.size() > shown)
            html += tr("(%n more byte(s))", nullptr, int(response.body.size() - shown));
    }
    return html;
}

void RequestDetail::showOverview(const Session::CapturedRequest &r)
{
    const Http::Request &q = r.request;
    QString html = QStringLiteral("<table cellspacing='4'>");
    const auto row = [&html](const QString &label, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value);
    };
    if (q.hasRequestLine()) {
        row(tr("Request"), QStringLiteral("<code>%1 %2 %3</code>")
                               .arg(escaped(q.method()), escaped(q.target()), escaped(r.httpVersion())));
    }
    row(tr("Received"), QDateTime::fromMSecsSinceEpoch(r.receivedAtMs).toString(Qt::ISODateWithMs).toHtmlEscaped());
    QString from = r.remote();
    if (const std::optional<Tunnel::ForwardedClient> client = Tunnel::forwardedClient(q))
        from = tr("%1, for %2 (as %3 says: the request came through a proxy or tunnel)")
                   .arg(from, client->address, QString::fromLatin1(client->header));
    row(tr("From"), from.toHtmlEscaped());
    for (const auto &[label, value] : tlsRows(r))
        row(label, value.toHtmlEscaped());
    if (const qint64 missing = r.missingBodyBytes())
        row(tr("Sizes"),
            tr("head %1 bytes, body not in HAR (%2 bytes announced)").arg(q.rawHead().size()).arg(missing));
    else
        row(tr("Sizes"), tr("head %1 bytes, body %2 bytes").arg(q.rawHead().size()).arg(q.body().size()));
    if (q.isChunked())
        row(tr("Body framing"), tr("chunked, %n trailer field(s)", nullptr, int(q.trailerCount())));
    const Session::LateAnswer *late = r.lateAnswer.get();
    if (late && late->source == Session::LateAnswer::Source::Forward) {
        row(tr("Answer"),
            answerHtml(late->response) +
                QStringLiteral("<br><i>%1</i>").arg(tr("from the forward: %1").arg(late->note).toHtmlEscaped()));
        if (r.responseStatus)
            row(tr("Configured answer"),
                tr("%1 (not sent: the forward answered first)").arg(r.responseStatus).toHtmlEscaped());
    } else if (r.responseStatus) {
        QString answer = answerHtml(Http::Response{r.responseStatus, {}, r.responseHeaders, r.responseBody});
        if (late)
            answer += QStringLiteral("<br><i>%1</i>")
                          .arg(tr("after waiting for the forward: %1").arg(late->note).toHtmlEscaped());
        row(tr("Answer"), answer);
    } else {
        row(tr("Answer"), tr("none (the client was gone)"));
    }
    if (const QString chosen = RuleIndicator::choiceText(r); !chosen.isEmpty())
        row(tr("Chosen by"), chosen.toHtmlEscaped());
    const QStringList warnings = q.warnings();
    if (!warnings.isEmpty())
        row(tr("Warnings"), warnings.join(QStringLiteral(", ")).toHtmlEscaped());
    if (r.rejected) {
        row(tr("Rejected"), QStringLiteral("<span style='color:#c0392b'>%1</span>")
                                .arg(tr("%1 at byte %2").arg(r.errorReason).arg(r.errorOffset).toHtmlEscaped()));
    }
    if (!r.note.isEmpty()) // what an import added or changed (HAR): said where the request is seen
        row(tr("Notes"), r.note.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>")));
    if (!r.saveError.isEmpty())
        row(tr("Not saved"), r.saveError.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_overview->setHtml(html);
}

void RequestDetail::showBody(const Session::CapturedRequest &r)
{
    m_body->setBody(r.request.body(), r.request.headerValue("Content-Type").toByteArray(),
                    r.request.headerValue("Content-Encoding").toByteArray());
}

void RequestDetail::setSignatureConfig(const Signing::Config &config)
{
    m_signature->setConfig(config);
}

void RequestDetail::updateSignatures(const Session::SignatureUpdates &updates)
{
    if (!m_request)
        return;
    for (const Session::SignatureUpdate &u : updates) {
        if (u.id != m_request->id || u.result == m_request->signature)
            continue;
        // Records are immutable and shared: the one shown becomes a copy with its new verdict.
        auto updated = std::make_shared<Session::CapturedRequest>(*m_request);
        updated->signature = u.result;
        m_request = std::move(updated);
        m_signature->setRequest(m_request);
        showSignatureTitle();
    }
}

void RequestDetail::updateLateAnswer(const Session::LateAnswer &answer)
{
    if (!m_request || m_request->id != answer.requestId)
        return;
    auto updated = std::make_shared<Session::CapturedRequest>(*m_request);
    updated->lateAnswer = std::make_shared<const Session::LateAnswer>(answer);
    m_request = std::move(updated);
    showOverview(*m_request);
}

void RequestDetail::showSignatureTitle()
{
    m_tabs->setTabText(Signature, m_signature->title());
    m_tabs->tabBar()->setTabTextColor(Signature, m_signature->titleColor());
}

void RequestDetail::openFind()
{
    m_find->open();
}

void RequestDetail::findAgain(bool forward)
{
    if (m_find->text().isEmpty()) {
        openFind();
        return;
    }
    m_find->show(); // where the outcome is said
    find(m_find->text(), forward);
}

void RequestDetail::find(const QString &text, bool forward)
{
    if (text.isEmpty())
        return;
    // Text views match ASCII letters in any case; hex views look for the exact bytes.
    if (m_tabs->currentIndex() == Body) {
        switch (m_body->mode()) {
        case BodyView::Pretty:
        case BodyView::Text:
            m_findView = m_body->codeView();
            m_body->codeView()->find(text, forward);
            return;
        case BodyView::Hex:
            m_findView = m_body->hexView();
            m_body->hexView()->find(text.toUtf8(), forward);
            return;
        default:
            break; // a tree, table, parts or image: the Raw tab has the text
        }
    }
    if (m_tabs->currentIndex() == Hex) {
        m_findView = m_hex;
        m_hex->find(text.toUtf8(), forward);
        return;
    }
    m_tabs->setCurrentIndex(Raw);
    m_findView = m_raw;
    m_raw->find(text, forward);
}

void RequestDetail::showFindResult(qint64 offset, bool wrapped)
{
    if (sender() != m_findView)
        return; // a slower search in another view, asked for before the last one

    if (offset < 0)
        m_find->setResult(tr("No match"), false);
    else
        m_find->setResult(wrapped ? tr("Found, wrapped around") : tr("Found at byte %1").arg(offset), true);
}

QString RequestDetail::bodyText() const
{
    return QString::fromUtf8(m_body->shownText());
}

QString RequestDetail::overviewText() const
{
    return m_overview->toPlainText();
}

QString RequestDetail::rawText() const
{
    return FieldsModel::displayText(m_raw->text());
}

} // namespace Gui
