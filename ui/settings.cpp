#include "settings.h"

namespace Ui {

Settings::Settings(QSettings *backend)
    : m_settings(backend ? backend : &m_own)
{
}

} // namespace Ui
