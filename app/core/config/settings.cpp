#include "settings.h"

#include "http/bindaddress.h"

namespace Config {

namespace {

template<typename T>
T positiveOr(T value, T fallback)
{
    return value > 0 ? value : fallback;
}

} // namespace

Settings::Settings(QSettings *backend)
    : m_settings(backend)
{
    if (!m_settings)
        m_settings = &m_own.emplace();
}

Http::Limits Settings::limits() const
{
    Http::Limits limits;
    limits.maxBodyBytes = positiveOr(get(MaxBodyBytes), MaxBodyBytes.fallback);
    limits.maxHeadBytes = qsizetype(positiveOr(get(MaxHeadBytes), MaxHeadBytes.fallback));
    limits.maxHeaderCount = positiveOr(get(MaxHeaderCount), MaxHeaderCount.fallback);
    limits.headTimeoutMs = positiveOr(get(HeadTimeoutMs), HeadTimeoutMs.fallback);
    limits.idleTimeoutMs = positiveOr(get(IdleTimeoutMs), IdleTimeoutMs.fallback);
    limits.maxConnections = positiveOr(get(MaxConnections), MaxConnections.fallback);
    return limits;
}

void Settings::setLimits(const Http::Limits &limits)
{
    set(MaxBodyBytes, limits.maxBodyBytes);
    set(MaxHeadBytes, qint64(limits.maxHeadBytes));
    set(MaxHeaderCount, limits.maxHeaderCount);
    set(HeadTimeoutMs, limits.headTimeoutMs);
    set(IdleTimeoutMs, limits.idleTimeoutMs);
    set(MaxConnections, limits.maxConnections);
}

QHostAddress Settings::listenAddress() const
{
    const Http::BindAddress parsed = Http::parseBindAddress(get(BindAddress));
    return parsed.isValid() ? parsed.address : Http::parseBindAddress(BindAddress.fallback).address;
}

quint16 Settings::listenPort() const
{
    const int port = get(Port);
    return quint16(port >= 0 && port <= 65535 ? port : Port.fallback);
}

} // namespace Config
