#pragma once

#include <QByteArrayView>
#include <QString>

#include <functional>

namespace Payload {

/// The first value of a request header (case-insensitive name), or a null view when absent.
using HeaderLookup = std::function<QByteArrayView(QByteArrayView name)>;

/// What a webhook says it is about, as its provider names it: `push`, `pull_request.opened`,
/// `orders/create`, `invoice.paid`, `app_mention`. Empty when no provider rule applies.
///
/// The providers and where each puts its event (a header, a field of the JSON body, or both) are
/// one table in webhookevent.cpp: add a row there to teach Hookscope another provider. A body
/// field is read with one pass over the bytes that stops at the field (see jsonValueAt), and only
/// when the body starts like a JSON object.
QString webhookEvent(const HeaderLookup &header, QByteArrayView body);

/// The longest event text kept; longer ones are cut, ending in "…".
constexpr qsizetype kMaxEventText = 120;

} // namespace Payload
