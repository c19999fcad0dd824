#pragma once

#include <QByteArrayView>

namespace Http {

/// '*' (any run, also empty) and '?' (one byte) globbing over bytes, as answer rules and signing
/// secrets match request paths.
bool globMatch(QByteArrayView pattern, QByteArrayView text);

} // namespace Http
