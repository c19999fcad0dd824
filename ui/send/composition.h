#pragma once

#include "delivery/sender.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace Gui {

class Composer;

/**
 * What the composer shows, kept with each sent message (Delivery::Message::composition, stored
 * by the session as outbound_messages.composition) so that reopening it brings back what was
 * composed, not only what was sent: destinations and header rows switched off, the order and
 * kind of the header rows, the body's form with its form-urlencoded and multipart tables, the
 * user's variables in their order, the signing scheme (never its secret) and the send's options.
 *
 * Written as versioned JSON ({"composition": 1, ...}); fromJson() reads this version and older
 * ones and refuses anything it cannot read whole, so a damaged composition never half-fills the
 * composer.
 */
class Composition
{
public:
    static constexpr int kVersion = 1;

    struct Row
    {
        QStringList cells;
        bool enabled = true;
        int kind = 0; ///< the headers' HeadersEditor::Kind (User, Default); 0 elsewhere

        bool operator==(const Row &) const = default;
    };

    /// What `composer` shows, with the options and signing scheme of `message` (made from it).
    static Composition of(const Composer &composer, const Delivery::Message &message);
    /// Nothing when `json` is not a composition this version can read (`error` says why).
    static std::optional<Composition> fromJson(const QByteArray &json, QString *error = nullptr);
    QByteArray toJson() const;

    /// Shows the composition in `composer`: every row as it was, the body in its form.
    void applyTo(Composer *composer) const;
    /// Sets the options and signing scheme of `message` (retry, timeouts, TLS and proxy switches,
    /// chunked); accepted certificates are not part of a composition.
    void applyOptionsTo(Delivery::Message *message) const;

    QString method;
    QList<Row> destinations;
    QByteArray rawTarget;
    QList<Row> headers; ///< the user's and the default rows in order; not the signature rows
    int bodyKind = 0;   ///< BodyEditor::Kind
    QString text;       ///< the JSON, XML or text form's text
    QString bodyFile;
    QList<Row> form;
    QList<Row> parts; ///< name, value, file
    QByteArray boundary;
    QList<Row> variables;
    QString signScheme;
    Delivery::RetryPolicy retry;
    Http::ClientOptions client;
    bool chunked = false;
};

} // namespace Gui
