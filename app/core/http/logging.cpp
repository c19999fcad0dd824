#include "logging.h"

Q_LOGGING_CATEGORY(lcHttp, "hookscope.http", QtWarningMsg)
