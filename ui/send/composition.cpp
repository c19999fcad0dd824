#include "composition.h"
#include "bodyeditor.h"
#include "composer.h"
#include "headerseditor.h"
#include "rowtable.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Gui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gui::Composition", text);
}

// The body's form by name, so the stored JSON does not depend on BodyEditor::Kind's numbering.
const QStringList kBodyKinds = {QStringLiteral("json"),      QStringLiteral("xml"),  QStringLiteral("form"),
                                QStringLiteral("multipart"), QStringLiteral("text"), QStringLiteral("file")};

QList<Composition::Row> rowsOf(const RowTable *table, int skipKind = -1)
{
    QList<Composition::Row> out;
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->kind(row) == skipKind)
            continue;
        Composition::Row r;
        for (int column = 0; column < table->columnCount(); ++column)
            r.cells.append(table->cell(row, column));
        r.enabled = table->isEnabled(row);
        r.kind = table->kind(row);
        out.append(r);
    }
    return out;
}

void fill(RowTable *table, const QList<Composition::Row> &rows)
{
    table->clearRows();
    for (const Composition::Row &r : rows)
        table->addRow(r.cells, r.enabled, r.kind);
}

QJsonArray toJson(const QList<Composition::Row> &rows)
{
    QJsonArray out;
    for (const Composition::Row &r : rows) {
        QJsonObject o{{QStringLiteral("cells"), QJsonArray::fromStringList(r.cells)}};
        if (!r.enabled)
            o.insert(QStringLiteral("off"), true);
        if (r.kind == HeadersEditor::Default)
            o.insert(QStringLiteral("default"), true);
        out.append(o);
    }
    return out;
}

/// Reads the rows under `key` (absent: none), each with `columns` cells; false when they are not rows.
bool readRows(const QJsonObject &o, const QString &key, qsizetype columns, QList<Composition::Row> *rows)
{
    const QJsonValue value = o.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue &v : value.toArray()) {
        const QJsonArray cells = v.toObject().value(QStringLiteral("cells")).toArray();
        if (!v.isObject() || cells.size() != columns)
            return false;
        Composition::Row r;
        for (const QJsonValue &cell : cells) {
            if (!cell.isString())
                return false;
            r.cells.append(cell.toString());
        }
        r.enabled = !v[QStringLiteral("off")].toBool();
        r.kind = v[QStringLiteral("default")].toBool() ? HeadersEditor::Default : HeadersEditor::User;
        rows->append(r);
    }
    return true;
}

// The send's options, each under one key for writing and reading alike.
template<typename T>
struct Option
{
    const char *key;
    T &(*in)(Composition &);
};
const Option<int> kIntOptions[] = {
    {"attempts", [](Composition &c) -> int & { return c.retry.maxAttempts; }},
    {"firstDelayMs", [](Composition &c) -> int & { return c.retry.initialDelayMs; }},
    {"maxDelayMs", [](Composition &c) -> int & { return c.retry.maxDelayMs; }},
    {"connectTimeoutMs", [](Composition &c) -> int & { return c.client.connectTimeoutMs; }},
    {"totalTimeoutMs", [](Composition &c) -> int & { return c.client.totalTimeoutMs; }},
};
const Option<bool> kBoolOptions[] = {
    {"retryOnConnectionError", [](Composition &c) -> bool & { return c.retry.onConnectionError; }},
    {"retryOnTimeout", [](Composition &c) -> bool & { return c.retry.onTimeout; }},
    {"retryOn5xx", [](Composition &c) -> bool & { return c.retry.on5xx; }},
    {"retryOn429", [](Composition &c) -> bool & { return c.retry.on429; }},
    {"retryOn408", [](Composition &c) -> bool & { return c.retry.on408; }},
    {"honourRetryAfter", [](Composition &c) -> bool & { return c.retry.honourRetryAfter; }},
    {"insecure", [](Composition &c) -> bool & { return c.client.tls.insecure; }},
    {"environmentProxy", [](Composition &c) -> bool & { return c.client.useEnvironmentProxy; }},
    {"chunked", [](Composition &c) -> bool & { return c.chunked; }},
};

QJsonObject optionsJson(Composition c)
{
    QJsonObject o{{QStringLiteral("jitter"), c.retry.jitter}};
    for (const Option<int> &option : kIntOptions)
        o.insert(QLatin1String(option.key), option.in(c));
    for (const Option<bool> &option : kBoolOptions)
        o.insert(QLatin1String(option.key), option.in(c));
    return o;
}

/// An option absent keeps its default (an older composition without it).
void readOptions(const QJsonObject &o, Composition *c)
{
    c->retry.jitter = o.value(QStringLiteral("jitter")).toDouble(c->retry.jitter);
    for (const Option<int> &option : kIntOptions) {
        int &value = option.in(*c);
        value = o.value(QLatin1String(option.key)).toInt(value);
    }
    for (const Option<bool> &option : kBoolOptions) {
        bool &value = option.in(*c);
        value = o.value(QLatin1String(option.key)).toBool(value);
    }
}

} // namespace

Composition Composition::of(const Composer &composer, const Delivery::Message &message)
{
    Composition c;
    c.method = composer.methodBox()->currentText();
    c.destinations = rowsOf(composer.destinations());
    c.rawTarget = composer.rawTarget();
    c.headers = rowsOf(composer.headers()->rows(), HeadersEditor::Signature);
    const BodyEditor *body = composer.body();
    c.bodyKind = body->kind();
    c.text = QString::fromUtf8(body->text());
    c.bodyFile = body->bodyFile();
    c.form = rowsOf(body->formRows());
    c.parts = rowsOf(body->partRows());
    c.boundary = body->boundary();
    c.variables = rowsOf(composer.variables());
    c.signScheme = message.signScheme; // the scheme only: the secret stays in the secret store
    c.retry = message.retry;
    c.client = message.client;
    c.client.tls.pinnedSha256.clear(); // accepted certificates belong to the settings
    c.chunked = message.chunked;
    return c;
}

QByteArray Composition::toJson() const
{
    const QJsonObject body{
        {QStringLiteral("kind"), kBodyKinds.value(bodyKind)},
        {QStringLiteral("text"), text},
        {QStringLiteral("file"), bodyFile},
        {QStringLiteral("form"), Gui::toJson(form)},
        {QStringLiteral("parts"), Gui::toJson(parts)},
        {QStringLiteral("boundary"), QString::fromLatin1(boundary)},
    };
    const QJsonObject o{
        {QStringLiteral("composition"), kVersion},
        {QStringLiteral("method"), method},
        {QStringLiteral("destinations"), Gui::toJson(destinations)},
        // Latin-1 keeps every byte of a captured request-target as one character.
        {QStringLiteral("rawTarget"), QString::fromLatin1(rawTarget)},
        {QStringLiteral("headers"), Gui::toJson(headers)},
        {QStringLiteral("body"), body},
        {QStringLiteral("variables"), Gui::toJson(variables)},
        {QStringLiteral("signScheme"), signScheme},
        {QStringLiteral("options"), optionsJson(*this)},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<Composition> Composition::fromJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError)
        return fail(tr("not JSON (%1 at byte %2)").arg(parse.errorString()).arg(parse.offset));
    const QJsonObject o = document.object();
    const int version = o.value(QStringLiteral("composition")).toInt(0);
    if (version < 1)
        return fail(tr("not a composition"));
    if (version > kVersion)
        return fail(tr("written by a newer Hookscope (version %1)").arg(version));

    Composition c;
    const QJsonObject body = o.value(QStringLiteral("body")).toObject();
    c.method = o.value(QStringLiteral("method")).toString();
    c.rawTarget = o.value(QStringLiteral("rawTarget")).toString().toLatin1();
    c.bodyKind = int(kBodyKinds.indexOf(body.value(QStringLiteral("kind")).toString()));
    c.text = body.value(QStringLiteral("text")).toString();
    c.bodyFile = body.value(QStringLiteral("file")).toString();
    c.boundary = body.value(QStringLiteral("boundary")).toString().toLatin1();
    c.signScheme = o.value(QStringLiteral("signScheme")).toString();
    if (c.method.isEmpty() || c.bodyKind < 0)
        return fail(tr("no method or no body form"));
    if (!readRows(o, QStringLiteral("destinations"), 1, &c.destinations) ||
        !readRows(o, QStringLiteral("headers"), 2, &c.headers) || !readRows(body, QStringLiteral("form"), 2, &c.form) ||
        !readRows(body, QStringLiteral("parts"), 3, &c.parts) ||
        !readRows(o, QStringLiteral("variables"), 2, &c.variables))
        return fail(tr("a table that is not rows"));
    // Only headers have kinds; a "default" flag anywhere else means nothing.
    for (QList<Row> *rows : {&c.destinations, &c.form, &c.parts, &c.variables}) {
        for (Row &r : *rows)
            r.kind = 0;
    }
    readOptions(o.value(QStringLiteral("options")).toObject(), &c);
    return c;
}

void Composition::applyTo(Composer *composer) const
{
    composer->methodBox()->setCurrentText(method);
    fill(composer->destinations(), destinations);
    composer->setRawTarget(rawTarget);
    BodyEditor *body = composer->body();
    body->setText(text.toUtf8());
    fill(body->formRows(), form);
    fill(body->partRows(), parts);
    body->setBodyFile(bodyFile);
    body->setBoundary(boundary);
    body->setKind(BodyEditor::Kind(bodyKind));
    fill(composer->variables(), variables);
    // The headers last: the rows above refresh the default header rows as they change.
    fill(composer->headers()->rows(), headers);
    composer->setChunked(chunked); // and the default rows get this request's values
}

void Composition::applyOptionsTo(Delivery::Message *message) const
{
    message->retry = retry;
    const QList<QByteArray> pins = message->client.tls.pinnedSha256;
    message->client = client;
    message->client.tls.pinnedSha256 = pins;
    message->chunked = chunked;
    message->signScheme = signScheme;
}

} // namespace Gui
