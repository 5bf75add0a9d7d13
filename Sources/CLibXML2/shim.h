#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, whose headers clash with the ICU Foundation ships in the same Swift
   module graph. Only xmlCharEncodingHandler's layout depends on it, and history never looks inside one. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/parser.h>

/* xmlFree is a global function pointer in libxml2: called through this, Swift needs no unwrapping. */
static inline void history_xml_free(void *pointer) { xmlFree(pointer); }
