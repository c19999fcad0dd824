#pragma once

// The URL that Twilio and Square sign, and its near variants.

#include "signing.h"

#include <QString>

namespace Signing {

/// Config::publicUrl's origin followed by the request's target; with no public URL, "http://"
/// the Host header and the target, and `*guessed` set.
QString signedUrl(const Config &config, const Http::Request &request, bool *guessed);
/// "https://host:port" of a URL (everything before its path); empty if it has no "://".
QString urlOrigin(const QString &url);
/// The URL with the scheme's default port written out (https 443, http 80) when it has none.
QString urlWithDefaultPort(const QString &url);
QString urlWithoutPort(const QString &url);
/// http ↔ https, the port left as it is.
QString urlWithOtherScheme(const QString &url);
/// The raw value of a query parameter, or a null array.
QByteArray urlQueryValue(const QString &url, QByteArrayView name);

} // namespace Signing
