#pragma once

#include "http/response.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Delivery {

/**
 * A message to start composing from: a real provider's delivery with its header set and the
 * scheme it is signed with. Kept as a small HTTP-like text file (resources/templates/NAME.http):
 *
 *     # name: GitHub push
 *     # sign: github
 *     POST /github
 *     Content-Type: application/json
 *     X-GitHub-Event: push
 *
 *     {"ref":"refs/heads/main", ...}
 *
 * '#' lines before the request line are metadata (`name`, `sign`) or comments; then the method
 * and a suggested path, the header lines in order, a blank line, and the body exactly as written
 * (one final newline of the file is not part of it). Placeholders such as `{{uuid}}` stay as
 * written; the sender resolves them per message (see MessageVariables).
 */
struct Template
{
    Q_DECLARE_TR_FUNCTIONS(Delivery::Template)

public:
    QString id; ///< the file's base name: "github-push"
    QString name;
    QString sign; ///< scheme id to sign with; empty: unsigned
    QByteArray method;
    QByteArray path;
    Http::HeaderList headers;
    QByteArray body;

    static bool parse(const QString &id, QByteArrayView text, Template *out, QString *error);
    /// The templates that come with Hookscope, sorted by name.
    static QList<Template> builtIn();
};

} // namespace Delivery
