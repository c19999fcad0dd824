#include "har.h"
