#include "composer.h"
#include "bodyeditor.h"
#include "headerseditor.h"
#include "rowtable.h"

#include "delivery/template.h"
#include "delivery/variables.h"
#include "payload/urlencodedform.h"
#include "session/capturedrequest.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {

bool startsWith(QByteArrayView text, QByteArrayView prefix)
{
    return text.trimmed().startsWith(prefix) ||
           text.trimmed().toByteArray().toLower().startsWith(prefix.toByteArray().toLower());
}

QByteArrayView headerValue(const Http::HeaderList &headers, QByteArrayView name)
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

} // namespace

Composer::Composer(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_tabs(new QTabWidget(this))
    , m_destinations(new RowTable({tr("URL")}, true, this))
    , m_headers(new HeadersEditor(this))
    , m_body(new BodyEditor(this))
    , m_variables(new RowTable({tr("Name"), tr("Value")}, false, this))
    , m_rawTargetNote(new QLabel(this))
{
    m_method->setObjectName(QStringLiteral("method"));
    m_method->setEditable(true); // any token: WebDAV's, a made-up one to test a receiver
    m_method->addItems({QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"), QStringLiteral("GET"),
                        QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    m_destinations->setObjectName(QStringLiteral("destinations"));
    m_variables->setObjectName(QStringLiteral("variables"));

    auto *listener = new QToolButton(m_destinations);
    listener->setObjectName(QStringLiteral("addListener"));
    listener->setText(tr("This listener"));
    listener->setToolTip(tr("Send to Hookscope's own listener; what arrives shows in the captured requests"));
    listener->setAutoRaise(true);
    m_destinations->buttons()->insertWidget(4, listener);
    connect(listener, &QToolButton::clicked, this, [this] { addListenerDestination(); });
    m_rawTargetNote->setWordWrap(true);
    m_rawTargetNote->setTextFormat(Qt::PlainText);
    m_destinations->layout()->addWidget(m_rawTargetNote);
    setRawTarget({});
    // A URL typed by the user means its own path: the captured target no longer applies.
    connect(m_destinations, &RowTable::cellEdited, this, [this] { setRawTarget({}); });

    auto *variablesPage = new QWidget(this);
    auto *variablesLayout = new QVBoxLayout(variablesPage);
    variablesLayout->setContentsMargins(0, 0, 0, 0);
    variablesLayout->addWidget(m_variables, 1);
    QStringList builtIn;
    for (const QString &name : Delivery::MessageVariables::builtInNames())
        builtIn.append(QStringLiteral("{{%1}}").arg(name));
    auto *available = new QLabel(
        tr("Use {{name}} in headers and body; resolved afresh for each message. Built in: %1. Your own above "
           "take precedence.")
            .arg(builtIn.join(QStringLiteral(", "))),
        variablesPage);
    available->setWordWrap(true);
    available->setTextInteractionFlags(Qt::TextSelectableByMouse);
    variablesLayout->addWidget(available);

    m_tabs->addTab(m_destinations, tr("&Destinations"));
    m_tabs->addTab(m_headers, tr("&Headers"));
    m_tabs->addTab(m_body, tr("&Body"));
    m_tabs->addTab(variablesPage, tr("Variable&s"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs, 1);

    connect(m_destinations, &RowTable::changed, this, &Composer::refreshDefaults);
    connect(m_body, &BodyEditor::changed, this, &Composer::refreshDefaults);
    connect(m_body, &BodyEditor::kindPicked, this,
            [this](BodyEditor::Kind) { m_headers->setContentType(m_body->contentType()); });
    for (RowTable *rows : {m_destinations, m_variables})
        connect(rows, &RowTable::changed, this, &Composer::changed);
    connect(m_headers, &HeadersEditor::changed, this, &Composer::changed);
    connect(m_body, &BodyEditor::changed, this, &Composer::changed);
    connect(m_method, &QComboBox::currentTextChanged, this, &Composer::refreshDefaults);
    connect(m_method, &QComboBox::currentTextChanged, this, &Composer::changed);
    m_body->setKind(BodyEditor::Json);
    m_headers->setContentType(m_body->contentType());
}

Delivery::Message Composer::message(QString *error) const
{
    Delivery::Message m;
    m.method = m_method->currentText().trimmed().toUtf8();
    for (int row = 0; row < m_destinations->rowCount(); ++row) {
        const QString text = m_destinations->cell(row, 0).trimmed();
        if (m_destinations->isEnabled(row) && !text.isEmpty())
            m.destinations.append(QUrl(text, QUrl::StrictMode).isValid() ? QUrl(text, QUrl::StrictMode) : QUrl(text));
    }
    m.headers = m_headers->headers();
    QString bodyError;
    m.body = m_body->body(&bodyError);
    if (m_body->kind() == BodyEditor::File)
        m.bodyFile = m_body->bodyFile();
    m.chunked = m_chunked;
    m.rawTarget = m_rawTarget;
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QString name = m_variables->cell(row, 0).trimmed();
        if (!name.isEmpty())
            m.variables.insert(name, m_variables->cell(row, 1).toUtf8());
    }
    if (error)
        *error = bodyError;
    return m;
}

void Composer::setMessage(const Delivery::Message &message)
{
    m_method->setCurrentText(QString::fromUtf8(message.method));
    m_destinations->clearRows();
    for (const QUrl &url : message.destinations)
        m_destinations->addRow({url.toString()});
    m_headers->setHeaders(message.headers);
    if (!message.bodyFile.isEmpty()) {
        m_body->setKind(BodyEditor::File);
        m_body->setBodyFile(message.bodyFile);
    } else {
        showBody(message.body, headerValue(message.headers, "Content-Type"));
    }
    m_variables->clearRows();
    for (auto it = message.variables.cbegin(); it != message.variables.cend(); ++it)
        m_variables->addRow({it.key(), QString::fromUtf8(it.value())});
    m_chunked = message.chunked;
    setRawTarget(message.rawTarget);
    refreshDefaults();
}

void Composer::showBody(const QByteArray &body, QByteArrayView contentType)
{
    // Forms open as their table when they read back to the same bytes; anything else as text.
    if (startsWith(contentType, "application/x-www-form-urlencoded")) {
        m_body->formRows()->clearRows();
        for (const Payload::FormField &field : Payload::parseUrlEncodedForm(body))
            m_body->formRows()->addRow({field.name, field.value});
        if (m_body->formBody() == body) {
            m_body->setKind(BodyEditor::Form);
            return;
        }
    }
    m_body->setText(body);
    if (startsWith(contentType, "application/json") || contentType.contains("+json"))
        m_body->setKind(BodyEditor::Json);
    else if (contentType.contains("xml"))
        m_body->setKind(BodyEditor::Xml);
    else
        m_body->setKind(BodyEditor::Text);
}

void Composer::applyTemplate(const Delivery::Template &t)
{
    m_method->setCurrentText(QString::fromUtf8(t.method));
    m_headers->setHeaders(t.headers);
    showBody(t.body, headerValue(t.headers, "Content-Type"));
    bool anyDestination = false;
    for (int row = 0; row < m_destinations->rowCount(); ++row)
        anyDestination = anyDestination || !m_destinations->cell(row, 0).trimmed().isEmpty();
    if (!anyDestination)
        addListenerDestination(t.path);
}

void Composer::openCaptured(const Session::CapturedRequest &request)
{
    const Http::Request &r = request.request;
    Delivery::Message m;
    m.method = r.method().toByteArray();
    // The listener the request came to (or ours), with the target exactly as it arrived.
    QUrl base = m_listener.isValid() ? m_listener : QUrl(QStringLiteral("http://127.0.0.1"));
    if (!m_listener.isValid() && request.localPort)
        base.setPort(request.localPort);
    const QByteArray origin = base.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toEncoded();
    const QUrl url = QUrl::fromEncoded(origin + r.target().toByteArray(), QUrl::TolerantMode);
    m.destinations.append(url.isValid() ? url : QUrl::fromEncoded(origin + '/'));
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        m.headers.append({r.header(i).name.toByteArray(), r.header(i).value.toByteArray()});
    m.body = r.body();
    m.chunked = r.isChunked();
    m.rawTarget = r.target().toByteArray(); // QUrl would normalise %2e%2e, {v}, %2F
    setMessage(m);
    m_headers->switchOffDefaults(); // nothing the request did not have: no User-Agent of ours
}

void Composer::setListenerUrl(const QUrl &url)
{
    m_listener = url;
}

void Composer::addListenerDestination(const QByteArray &path)
{
    if (!m_listener.isValid())
        return;
    QUrl url = m_listener;
    if (!path.isEmpty())
        url = QUrl::fromEncoded(m_listener.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toEncoded() + path);
    // An empty row left by "+" takes it rather than a second row.
    for (int row = 0; row < m_destinations->rowCount(); ++row) {
        if (m_destinations->cell(row, 0).trimmed().isEmpty()) {
            m_destinations->setCell(row, 0, url.toString());
            return;
        }
    }
    m_destinations->addRow({url.toString()});
}

void Composer::setRawTarget(const QByteArray &target)
{
    m_rawTarget = target;
    m_rawTargetNote->setText(tr("Every destination gets the request-target exactly as captured: %1 — edit a URL "
                                "to send its own path instead.")
                                 .arg(QString::fromUtf8(target)));
    m_rawTargetNote->setVisible(!target.isEmpty());
}

void Composer::setChunked(bool chunked)
{
    m_chunked = chunked;
    refreshDefaults();
}

void Composer::refreshDefaults()
{
    QUrl first;
    for (int row = 0; row < m_destinations->rowCount() && !first.isValid(); ++row) {
        if (m_destinations->isEnabled(row))
            first = QUrl(m_destinations->cell(row, 0).trimmed());
    }
    m_headers->updateDefaults(first, m_body->size(), m_chunked, m_method->currentText().trimmed().toUtf8());
}

} // namespace Gui
