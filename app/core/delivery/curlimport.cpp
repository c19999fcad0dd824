#include "curlimport.h"
#include "curlform.h"
#include "curloptiontable.h"
#include "shellsplit.h"

#include "http/outgoingrequest.h"
#include "http/syntax.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Delivery {

namespace {

using CurlOptionTable::findLong;
using CurlOptionTable::findShort;
using CurlOptionTable::Opt;
using CurlOptionTable::OptionSpec;
using CurlOptionTable::takesValue;

QString tr(const char *text)
{
    return QCoreApplication::translate("Delivery::CurlImport", text);
}

// The largest file read whole into a body (-d @file must be read to strip its line breaks);
// the session's default body limit.
constexpr qint64 kMaxReadFile = 100LL * 1024 * 1024;

bool isDefaultName(QByteArrayView name)
{
    for (QByteArrayView d : {"Host", "User-Agent", "Content-Length", "Transfer-Encoding"}) {
        if (Http::equalsIgnoreCase(name, d))
            return true;
    }
    return false;
}

// As curl 7.88 encodes --data-urlencode (tried): the unreserved characters of RFC 3986 §2.3
// stay, a space becomes '+', everything else %XX.
QByteArray urlEncoded(QByteArrayView bytes)
{
    return bytes.toByteArray().toPercentEncoding().replace("%20", "+");
}

struct DataPart
{
    QByteArray bytes;
    bool json = false;
    QString file; ///< set (and bytes empty) for a large --data-binary/--json file sent as it is
};

class Importer
{
public:
    Importer(const CurlImportOptions &options)
        : m_options(options)
    {
    }
    CurlImport run(const QString &command);

private:
    bool fail(const QString &error)
    {
        m_out.error = error;
        return false;
    }
    void warn(const QString &warning)
    {
        if (!m_out.warnings.contains(warning))
            m_out.warnings += warning;
    }
    QString path(QByteArrayView name) const;
    bool readFile(QByteArrayView name, QByteArray *bytes);
    bool readInput(QByteArrayView at, QByteArray *bytes); ///< "-" (standard input) or a file
    bool parseArguments(const QList<QByteArray> &args);
    bool apply(const OptionSpec &o, QByteArrayView spelled, const QByteArray &value);
    bool addHeader(const QByteArray &line);
    bool addData(Opt id, const QByteArray &value);
    bool hasUserHeader(QByteArrayView name) const;
    void readStandardInput(const Shell::Command &producer);
    bool build();
    void leaveDefaultsAlone();

    CurlImportOptions m_options;
    CurlImport m_out;

    QByteArray m_method;
    bool m_head = false;
    bool m_get = false;
    QList<QByteArray> m_urls;
    QList<DataPart> m_data;
    QList<FormField> m_form;
    Http::HeaderList m_headers;  ///< -H with a value, and emptied defaults
    QList<QByteArray> m_removed; ///< -H 'Name:'
    QByteArray m_authorization;
    QByteArray m_userAgent;
    bool m_hasUserAgent = false;
    QByteArray m_referer;
    QByteArray m_cookie;
    bool m_compressed = false;
    QString m_uploadFile;
    bool m_hasStandardInput = false;
    QByteArray m_standardInput;
    QString m_standardInputSource;
    bool m_standardInputUsed = false;
    QStringList m_ignored;
};

QString Importer::path(QByteArrayView name) const
{
    const QString file = QString::fromLocal8Bit(name);
    if (QFileInfo(file).isAbsolute())
        return QDir::cleanPath(file);
    const QDir dir(m_options.workingDirectory.isEmpty() ? QDir::currentPath() : m_options.workingDirectory);
    return QDir::cleanPath(dir.absoluteFilePath(file));
}

bool Importer::readFile(QByteArrayView name, QByteArray *bytes)
{
    QFile file(path(name));
    // Only a regular file: /dev/zero, a FIFO or /dev/stdin would never end (curl would read them;
    // a paste into the panel must not hang the window).
    if (!QFileInfo(file.fileName()).isFile())
        return fail(tr("%1 is not a regular file.").arg(file.fileName()));
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    if (file.size() > kMaxReadFile)
        return fail(tr("%1 is too large to read into the message; use --data-binary @file, which is sent "
                       "from the file.")
                        .arg(file.fileName()));
    *bytes = file.readAll();
    return true;
}

bool Importer::readInput(QByteArrayView at, QByteArray *bytes)
{
    if (at != "-")
        return readFile(at, bytes);
    m_standardInputUsed = true;
    if (!m_hasStandardInput) {
        warn(tr("The body is read from standard input, which a pasted command does not include; it was left "
                "empty."));
    }
    *bytes = m_standardInput;
    return true;
}

bool Importer::hasUserHeader(QByteArrayView name) const
{
    const auto same = [name](QByteArrayView n) { return Http::equalsIgnoreCase(n, name); };
    return std::any_of(m_headers.cbegin(), m_headers.cend(), [&](const auto &h) { return same(h.first); }) ||
           std::any_of(m_removed.cbegin(), m_removed.cend(), same);
}

// curl's -H: "Name: value"; "Name:" removes a header curl would send; "Name;" sends it empty.
bool Importer::addHeader(const QByteArray &line)
{
    if (line.startsWith('@')) {
        QByteArray text;
        if (!readInput(QByteArrayView(line).sliced(1), &text))
            return false;
        for (QByteArray l : text.split('\n')) {
            if (l.endsWith('\r'))
                l.chop(1);
            if (!l.trimmed().isEmpty() && !addHeader(l))
                return false;
        }
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    const qsizetype semicolon = line.indexOf(';');
    if (colon > 0 && (semicolon < 0 || colon < semicolon)) {
        const QByteArray name = line.first(colon);
        QByteArray value = line.sliced(colon + 1);
        while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove(0, 1);
        while (value.endsWith('\r') || value.endsWith('\n'))
            value.chop(1);
        if (value.trimmed().isEmpty()) {
            m_removed.append(name);
            if (isDefaultName(name))
                m_headers.append({name, QByteArray()});
        } else {
            m_headers.append({name, value});
        }
        return true;
    }
    if (semicolon > 0 && line.sliced(semicolon + 1).trimmed().isEmpty()) {
        m_headers.append({line.first(semicolon), QByteArray()});
        return true;
    }
    warn(tr("Not a header, left out: -H '%1'.").arg(QString::fromUtf8(line)));
    return true;
}

bool Importer::addData(Opt id, const QByteArray &value)
{
    DataPart part;
    part.json = id == Opt::Json;
    if (id == Opt::DataRaw || !value.startsWith('@')) {
        if (id != Opt::DataUrlencode) {
            part.bytes = value;
            m_data.append(part);
            return true;
        }
    }
    if (id == Opt::DataUrlencode) {
        // content, =content, name=content, @file, name@file (curl's order: the first '=' or '@').
        const qsizetype at = value.indexOf('@');
        const qsizetype eq = value.indexOf('=');
        if (eq >= 0 && (at < 0 || eq < at)) {
            const QByteArray name = value.first(eq);
            part.bytes = (name.isEmpty() ? QByteArray() : name + '=') + urlEncoded(value.sliced(eq + 1));
        } else if (at >= 0) {
            const QByteArray name = value.first(at);
            QByteArray content;
            if (!readInput(QByteArrayView(value).sliced(at + 1), &content))
                return false;
            part.bytes = (name.isEmpty() ? QByteArray() : name + '=') + urlEncoded(content);
        } else {
            part.bytes = urlEncoded(value);
        }
        m_data.append(part);
        return true;
    }
    const QByteArrayView name = QByteArrayView(value).sliced(1);
    if ((id == Opt::DataBinary || id == Opt::Json) && name != "-") {
        const QFileInfo info(path(name));
        if (info.isFile() && info.size() > m_options.maxInlineFileBytes) {
            part.file = info.absoluteFilePath();
            m_data.append(part);
            return true;
        }
    }
    if (!readInput(name, &part.bytes))
        return false;
    if (id == Opt::Data) // curl -d @file: "carriage returns and newlines will be stripped out"
        part.bytes.replace('\r', QByteArray()).replace('\n', QByteArray());
    m_data.append(part);
    return true;
}

bool parseSeconds(QByteArrayView text, int *ms)
{
    bool ok = false;
    const double seconds = QString::fromLatin1(text).toDouble(&ok);
    if (!ok || !(seconds >= 0) || seconds > 86400.0 * 24)
        return false;
    *ms = int(std::lround(seconds * 1000));
    return true;
}

bool Importer::apply(const OptionSpec &o, QByteArrayView spelled, const QByteArray &value)
{
    const QString option = QString::fromLatin1(spelled);
    const auto badNumber = [&] {
        return fail(tr("%1 needs a number, not '%2'.").arg(option, QString::fromUtf8(value)));
    };
    Message &m = m_out.message;
    switch (o.id) {
    case Opt::Request:
        m_method = value;
        break;
    case Opt::Header:
        return addHeader(value);
    case Opt::Data:
    case Opt::DataRaw:
    case Opt::DataBinary:
    case Opt::DataUrlencode:
    case Opt::Json:
        return addData(o.id, value);
    case Opt::Form:
    case Opt::FormString: {
        FormField field;
        QString error;
        if (!parseFormField(value, o.id == Opt::FormString, &field, &error))
            return fail(error);
        m_form.append(field);
        break;
    }
    case Opt::User: {
        QByteArray credentials = value;
        if (!credentials.contains(':')) {
            warn(tr("curl would ask for the password of %1; the message has an empty one.")
                     .arg(QString::fromUtf8(value)));
            credentials += ':';
        }
        m_authorization = "Basic " + credentials.toBase64();
        break;
    }
    case Opt::Bearer:
        m_authorization = "Bearer " + value;
        break;
    // Spaces around a value are not part of it (RFC 9110 §5.5); one of only spaces is none.
    case Opt::UserAgent:
        m_userAgent = value.trimmed();
        m_hasUserAgent = true;
        break;
    case Opt::Referer:
        m_referer = (value.endsWith(";auto") ? value.chopped(5) : value).trimmed();
        break;
    case Opt::Cookie:
        if (value.contains('=')) {
            m_cookie = m_cookie.isEmpty() ? value.trimmed() : m_cookie + "; " + value.trimmed();
        } else {
            warn(tr("-b %1 names a cookie file, which is not read; add a Cookie header instead.")
                     .arg(QString::fromUtf8(value)));
        }
        break;
    case Opt::Url:
        m_urls.append(value);
        break;
    case Opt::MaxTime:
        if (!parseSeconds(value, &m.client.totalTimeoutMs))
            return badNumber();
        break;
    case Opt::ConnectTimeout:
        if (!parseSeconds(value, &m.client.connectTimeoutMs))
            return badNumber();
        break;
    case Opt::Retry: {
        bool ok = false;
        const int retries = value.toInt(&ok);
        if (!ok || retries < 0)
            return badNumber();
        m.retry.maxAttempts = retries + 1;
        break;
    }
    case Opt::RetryDelay:
        if (!parseSeconds(value, &m.retry.initialDelayMs))
            return badNumber();
        warn(tr("--retry-delay: curl waits the same time before every retry; Hookscope doubles the wait "
                "each time."));
        break;
    case Opt::Proxy:
        warn(tr("--proxy %1 is not used: Hookscope sends through the proxy the environment names "
                "(http_proxy, https_proxy, no_proxy) or none.")
                 .arg(QString::fromUtf8(value)));
        break;
    case Opt::NoProxy:
        if (value == "*")
            m.client.useEnvironmentProxy = false;
        else
            warn(tr("--noproxy %1: only '*' (no proxy at all) is carried over; no_proxy in the environment "
                    "still applies.")
                     .arg(QString::fromUtf8(value)));
        break;
    case Opt::UploadFile:
        m_uploadFile = path(value);
        break;
    case Opt::RequestTarget:
        warn(tr("--request-target %1 is not carried over: the request line has the URL's path.")
                 .arg(QString::fromUtf8(value)));
        break;
    case Opt::Insecure:
        m.client.tls.insecure = true;
        break;
    case Opt::Get:
        m_get = true;
        break;
    case Opt::Head:
        m_head = true;
        break;
    case Opt::Compressed:
        m_compressed = true;
        break;
    case Opt::Location:
        warn(tr("Redirects are not followed (%1): the result shows the redirect response.").arg(option));
        break;
    case Opt::Http10:
        warn(tr("The message is sent as HTTP/1.1, not HTTP/1.0."));
        break;
    case Opt::Http2:
        warn(tr("%1: Hookscope sends HTTP/1.1.").arg(option));
        break;
    case Opt::Config:
        warn(tr("The options in the config file %1 were not read.").arg(QString::fromUtf8(value)));
        break;
    case Opt::Quiet:
    case Opt::QuietWithValue:
        break;
    case Opt::Unsupported:
    case Opt::UnsupportedWithValue:
        if (!m_ignored.contains(option))
            m_ignored += option;
        break;
    }
    return true;
}

bool Importer::parseArguments(const QList<QByteArray> &args)
{
    bool optionsEnded = false;
    for (qsizetype k = 0; k < args.size(); ++k) {
        const QByteArray &a = args.at(k);
        if (optionsEnded || !a.startsWith('-') || a == "-") {
            m_urls.append(a);
            continue;
        }
        if (a == "--") {
            optionsEnded = true;
            continue;
        }
        if (a.startsWith("--")) {
            QByteArray name = a.sliced(2);
            QByteArray value;
            bool hasValue = false;
            const OptionSpec *o = findLong(name);
            const qsizetype eq = name.indexOf('=');
            if (!o && eq > 0 && (o = findLong(QByteArrayView(name).first(eq)))) { // --opt=value
                value = name.sliced(eq + 1);
                name.truncate(eq);
                hasValue = true;
            }
            if (!o && name.startsWith("no-") && (o = findLong(QByteArrayView(name).sliced(3))) && !takesValue(o->id))
                continue; // --no-insecure and the like: curl's default
            if (!o) {
                m_ignored += QString::fromUtf8(a);
                continue;
            }
            if (takesValue(o->id) && !hasValue) {
                if (k + 1 >= args.size())
                    return fail(tr("--%1 needs a value.").arg(QString::fromLatin1(name)));
                value = args.at(++k);
            }
            if (!apply(*o, QByteArray("--" + name), value))
                return false;
            continue;
        }
        for (qsizetype j = 1; j < a.size(); ++j) {
            const OptionSpec *o = findShort(a[j]);
            const QByteArray spelled = '-' + QByteArray(1, a[j]);
            if (!o) {
                m_ignored += QString::fromUtf8(spelled);
                continue;
            }
            if (!takesValue(o->id)) {
                if (!apply(*o, spelled, {}))
                    return false;
                continue;
            }
            QByteArray value;
            if (j + 1 < a.size()) {
                value = a.sliced(j + 1); // -XPOST, -dfoo
            } else if (k + 1 < args.size()) {
                value = args.at(++k);
            } else {
                return fail(tr("%1 needs a value.").arg(QString::fromLatin1(spelled)));
            }
            if (!apply(*o, spelled, value))
                return false;
            break;
        }
    }
    return true;
}

// What a command piped into curl writes: printf FORMAT, echo [-n] WORDS, cat FILE.
void Importer::readStandardInput(const Shell::Command &producer)
{
    const QList<QByteArray> &w = producer.words;
    const QByteArray program = w.value(0).mid(w.value(0).lastIndexOf('/') + 1);
    m_standardInputSource = QString::fromUtf8(program);
    if (program == "printf" && w.size() == 2 && Shell::printfOutput(w.at(1), &m_standardInput)) {
        m_hasStandardInput = true;
    } else if (program == "printf" && w.size() == 3 && w.at(1) == "%s") {
        m_standardInput = w.at(2);
        m_hasStandardInput = true;
    } else if (program == "echo") {
        const bool noNewline = w.value(1) == "-n";
        m_standardInput = w.mid(noNewline ? 2 : 1).join(' ');
        if (!noNewline)
            m_standardInput += '\n';
        m_hasStandardInput = true;
    } else if (program == "cat" && w.size() == 2) {
        m_hasStandardInput = readFile(w.at(1), &m_standardInput);
        if (!m_hasStandardInput)
            m_out.error.clear(); // reported as the unknown input below
    }
    if (!m_hasStandardInput) {
        warn(tr("What `%1` writes into curl is not known without running it; the body it gives was left "
                "empty.")
                 .arg(QString::fromUtf8(w.join(' ').left(60))));
        m_hasStandardInput = true; // warned once, here
    }
}

QByteArray withScheme(const QByteArray &url)
{
    const qsizetype sep = url.indexOf("://");
    if (sep > 0 && std::all_of(url.cbegin(), url.cbegin() + sep, [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
                   c == '.';
        }))
        return url;
    return "http://" + url;
}

// A -H header that withDefaults would give anyway, in the same place, is left to the default:
// it then follows the body and each destination the way the panel shows it. A first Host line
// that names each destination as the default would is left too: the default goes first as curl's.
void Importer::leaveDefaultsAlone()
{
    Message &m = m_out.message;
    qint64 size = m.body.size();
    if (!m.bodyFile.isEmpty())
        size = QFileInfo(m.bodyFile).size();
    const auto sameEverywhere = [&](const Http::HeaderList &a, const Http::HeaderList &b) {
        return std::all_of(m.destinations.cbegin(), m.destinations.cend(), [&](const QUrl &url) {
            return Http::OutgoingRequest::withDefaults(a, url, size, m.chunked, m.method) ==
                   Http::OutgoingRequest::withDefaults(b, url, size, m.chunked, m.method);
        });
    };
    if (!m.headers.isEmpty() && m.headers.first().first == "Host" &&
        std::all_of(m.destinations.cbegin(), m.destinations.cend(),
                    [&](const QUrl &url) { return m.headers.first().second == Http::OutgoingRequest::hostOf(url); })) {
        m.headers.removeFirst();
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (qsizetype i = 0; i < m.headers.size() && !changed; ++i) {
            if (m.headers.at(i).second.isEmpty() || !isDefaultName(m.headers.at(i).first))
                continue;
            Http::HeaderList without = m.headers;
            without.removeAt(i);
            if (sameEverywhere(without, m.headers)) {
                m.headers = without;
                changed = true;
            }
        }
    }
}

bool Importer::build()
{
    Message &m = m_out.message;
    if (!m_ignored.isEmpty())
        warn(tr("Ignored, not carried over: %1.").arg(m_ignored.join(QStringLiteral(", "))));
    if (m_urls.isEmpty())
        return fail(tr("The command has no URL."));
    if (!m_form.isEmpty() && (!m_data.isEmpty() || !m_uploadFile.isEmpty()))
        return fail(tr("-F cannot be combined with -d, --data-* or --json (curl refuses that too)."));

    // The body, as curl 7.88 joins its pieces (tried): '&' before each but a --json piece.
    QByteArray body;
    for (qsizetype i = 0; i < m_data.size(); ++i) {
        const DataPart &part = m_data.at(i);
        if (!part.file.isEmpty()) {
            if (m_data.size() > 1 || m_get) {
                if (!readFile(part.file.toLocal8Bit(), &m_data[i].bytes))
                    return false;
            } else {
                m.bodyFile = part.file;
            }
        }
        if (i > 0 && !part.json)
            body += '&';
        body += m_data.at(i).bytes;
    }
    const bool jsonBody = std::any_of(m_data.cbegin(), m_data.cend(), [](const DataPart &p) { return p.json; });
    QByteArray contentType;
    if (!m_form.isEmpty()) {
        QByteArray boundary = m_options.formBoundary;
        if (boundary.isEmpty()) {
            boundary = QByteArray(24, '-');
            for (int i = 0; i < 2; ++i)
                boundary += QByteArray::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, '0');
        }
        if (!multipartBody(
                m_form, boundary, [this](QByteArrayView name, QByteArray *bytes) { return readInput(name, bytes); },
                &body))
            return false;
        contentType = "multipart/form-data; boundary=" + boundary;
    } else if (!m_data.isEmpty() && !m_get) {
        contentType = jsonBody ? "application/json" : "application/x-www-form-urlencoded";
    }
    if (!m_uploadFile.isEmpty()) {
        const QFileInfo info(m_uploadFile);
        if (info.isFile() && info.size() > m_options.maxInlineFileBytes)
            m.bodyFile = info.absoluteFilePath();
        else if (!readFile(m_uploadFile.toLocal8Bit(), &body))
            return false;
    }

    for (QByteArray url : std::as_const(m_urls)) {
        url = withScheme(url);
        if (m_get && !body.isEmpty())
            url += (url.contains('?') ? '&' : '?') + body;
        if (!m_uploadFile.isEmpty()) { // curl -T file http://host/dir/ puts it at /dir/file
            const qsizetype authority = url.indexOf("://") + 3;
            if (url.indexOf('/', authority) < 0)
                url += '/';
            if (url.endsWith('/'))
                url += QFileInfo(m_uploadFile).fileName().toUtf8();
        }
        const QUrl parsed = QUrl::fromEncoded(url);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return fail(tr("Not a URL: %1").arg(QString::fromUtf8(url)));
        if (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))
            return fail(tr("Only http and https URLs can be sent to: %1").arg(QString::fromUtf8(url)));
        m.destinations.append(parsed);
    }
    const bool hasBody = !m_get && (!body.isEmpty() || !m.bodyFile.isEmpty() || !m_data.isEmpty() ||
                                    !m_form.isEmpty() || !m_uploadFile.isEmpty());
    if (m_get)
        body.clear();
    m.body = body;

    if (!m_method.isEmpty())
        m.method = m_method;
    else if (m_head)
        m.method = "HEAD";
    else if (!m_uploadFile.isEmpty())
        m.method = "PUT";
    else if (hasBody)
        m.method = "POST";
    else
        m.method = "GET";

    // Headers in the order curl sends them: its own first, then -H, then the body's.
    Http::HeaderList headers;
    // curl sends a -H Host first, spelled "Host", and only the first one, unless an empty
    // -H 'Host:' turned its own off: then each Host line goes out like any other header.
    const auto isHost = [](const auto &h) { return Http::equalsIgnoreCase(h.first, "Host"); };
    const bool hostRemoved = std::any_of(m_removed.cbegin(), m_removed.cend(),
                                         [](QByteArrayView n) { return Http::equalsIgnoreCase(n, "Host"); });
    const auto firstHost = std::find_if(m_headers.cbegin(), m_headers.cend(), isHost);
    if (!hostRemoved && firstHost != m_headers.cend()) {
        headers.append({"Host", firstHost->second});
        m_headers.removeIf(isHost);
    }
    const auto addUnlessSet = [&](QByteArrayView name, const QByteArray &value) {
        if (!value.isNull() && !hasUserHeader(name))
            headers.append({name.toByteArray(), value});
    };
    addUnlessSet("Authorization", m_authorization.isEmpty() ? QByteArray() : m_authorization);
    if (m_hasUserAgent && !hasUserHeader("User-Agent"))
        headers.append({"User-Agent", m_userAgent}); // -A '' leaves it out, as in curl
    if (!jsonBody)
        addUnlessSet("Accept", "*/*");
    addUnlessSet("Accept-Encoding", m_compressed ? QByteArray("deflate, gzip, br") : QByteArray());
    addUnlessSet("Referer", m_referer.isEmpty() ? QByteArray() : m_referer);
    addUnlessSet("Cookie", m_cookie.isEmpty() ? QByteArray() : m_cookie);
    for (const auto &h : std::as_const(m_headers)) {
        // An emptied default is needed once, and only when no -H gives that header a value.
        const auto sameName = [&h](const auto &o) { return Http::equalsIgnoreCase(o.first, h.first); };
        const bool redundant =
            h.second.isEmpty() && (std::any_of(m_headers.cbegin(), m_headers.cend(),
                                               [&](const auto &o) { return sameName(o) && !o.second.isEmpty(); }) ||
                                   std::any_of(headers.cbegin(), headers.cend(), sameName));
        if (!redundant)
            headers.append(h);
    }
    if (jsonBody && !m_get) {
        addUnlessSet("Content-Type", "application/json");
        addUnlessSet("Accept", "application/json");
    } else if (!contentType.isEmpty()) {
        addUnlessSet("Content-Type", contentType);
    }
    // curl sends no Content-Length without a body; Hookscope says 0 for a method that expects one.
    if (!hasBody && Http::OutgoingRequest::expectsContent(m.method) && !hasUserHeader("Content-Length"))
        headers.append({"Content-Length", QByteArray()});
    m.headers = headers;
    m.chunked =
        hasBody && std::any_of(headers.cbegin(), headers.cend(), [](const auto &h) {
            return Http::equalsIgnoreCase(h.first, "Transfer-Encoding") && h.second.toLower().contains("chunked");
        });
    leaveDefaultsAlone();
    return true;
}

CurlImport Importer::run(const QString &command)
{
    const Shell::SplitResult split = Shell::split(command.toUtf8());
    m_out.warnings = split.warnings;
    if (!split.error.isEmpty()) {
        m_out.error = split.error;
        return m_out;
    }
    // The curl command is the first one named curl; a command piped into it gives its input.
    qsizetype index = -1;
    for (qsizetype i = 0; i < split.commands.size() && index < 0; ++i) {
        const QList<QByteArray> &w = split.commands.at(i).words;
        // FOO=bar curl ...: environment assignments before the program name.
        qsizetype first = 0;
        while (first < w.size() && w.at(first).contains('=') && !w.at(first).startsWith('-'))
            ++first;
        QByteArray program = w.value(first);
        program = program.mid(program.lastIndexOf('/') + 1);
        if (program == "curl" || program == "curl.exe") {
            index = i;
            if (i > 0 && split.commands.at(i - 1).pipesToNext)
                readStandardInput(split.commands.at(i - 1));
            if (!parseArguments(w.mid(first + 1)))
                return m_out;
        }
    }
    if (index < 0) {
        m_out.error = tr("This is not a curl command.");
        return m_out;
    }
    const bool piped = index > 0 && split.commands.at(index - 1).pipesToNext;
    if (split.commands.size() > (piped ? 2 : 1))
        warn(tr("Only the curl command was read; the other commands on the line were left out."));
    if (m_hasStandardInput && !m_standardInputUsed)
        warn(tr("curl does not read what is piped into it here (no @- argument); it was left out."));
    if (!build())
        return m_out;
    return m_out;
}

} // namespace

CurlImport importCurl(const QString &command, const CurlImportOptions &options)
{
    return Importer(options).run(command);
}

} // namespace Delivery
