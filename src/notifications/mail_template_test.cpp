// The template language and the mail templates themselves: values, sections, escaping for HTML and headers,
// and every kind rendered with sample values (a template that names a value nobody gives fails here).
#include "notifications/mail_template.hpp"

#include <gtest/gtest.h>

#include "notifications/mail_templates.hpp"

namespace emporium::notifications {
namespace {

TemplateData values(TemplateValues values) { return {.values = std::move(values), .lists = {}}; }

TEST(MailTemplate, ReplacesValues) {
  EXPECT_EQ(render_template("Hello {{name}}, {{ name }}!", values({{"name", "Ada"}}), Escaping::Text),
            "Hello Ada, Ada!");
}

TEST(MailTemplate, EscapesEveryValueInHtml) {
  const auto html =
      render_template("<p>{{product}}</p><a href=\"{{url}}\">x</a>",
                      values({{"product", "<script>alert(1)</script> & 'co'"}, {"url", "https://x.test/?a=1&b=\"2\""}}),
                      Escaping::Html);
  EXPECT_EQ(html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;co&#39;</p>"
            "<a href=\"https://x.test/?a=1&amp;b=&quot;2&quot;\">x</a>");
}

TEST(MailTemplate, HeaderValuesStayOnOneLine) {
  const auto subject =
      render_template("Order {{id}}", values({{"id", "ord_1\r\nBcc: victim@example.com\n\tx"}}), Escaping::Header);
  EXPECT_EQ(subject.find('\r'), std::string::npos);
  EXPECT_EQ(subject.find('\n'), std::string::npos);
  EXPECT_EQ(subject, "Order ord_1  Bcc: victim@example.com  x");
}

TEST(MailTemplate, TextKeepsValuesButDropsCarriageReturns) {
  EXPECT_EQ(render_template("{{a}}", values({{"a", "<b>\r\nline"}}), Escaping::Text), "<b>\nline");
}

TEST(MailTemplate, ListSectionsRepeatWithTheEntrysValuesAndTheOuterOnes) {
  TemplateData data = values({{"currency", "EUR"}, {"name", "outer"}});
  data.lists["lines"] = {{{"name", "Tea"}, {"qty", "2"}}, {{"name", "Cup"}, {"qty", "1"}}};
  const auto text =
      render_template("{{#lines}}[{{qty}} {{name}} {{currency}}]{{/lines}} {{name}}", data, Escaping::Text);
  EXPECT_EQ(text, "[2 Tea EUR][1 Cup EUR] outer");
}

TEST(MailTemplate, ValueSectionsShowWhenNotEmptyAndInvertedOnesWhenEmpty) {
  const auto source = "{{#link}}link {{link}}{{/link}}{{^link}}code {{code}}{{/link}}";
  EXPECT_EQ(render_template(source, values({{"link", "https://x"}, {"code", "c"}}), Escaping::Text), "link https://x");
  EXPECT_EQ(render_template(source, values({{"link", ""}, {"code", "c"}}), Escaping::Text), "code c");
  TemplateData empty_list = values({});
  empty_list.lists["items"] = {};
  EXPECT_EQ(render_template("{{#items}}x{{/items}}{{^items}}none{{/items}}", empty_list, Escaping::Text), "none");
}

TEST(MailTemplate, StandaloneSectionTagsTakeTheirWholeLine) {
  TemplateData data = values({{"note", ""}});
  data.lists["lines"] = {{{"name", "a"}}, {{"name", "b"}}};
  const auto text = render_template(
      "Items:\n{{#lines}}\n  - {{name}}\n{{/lines}}\n{{#note}}\nNote: {{note}}\n{{/note}}\n{{! comment }}\nEnd\n", data,
      Escaping::Text);
  EXPECT_EQ(text, "Items:\n  - a\n  - b\nEnd\n");
}

TEST(MailTemplate, NestedSectionsOfOtherNames) {
  TemplateData data = values({});
  data.lists["shipments"] = {{{"carrier", "DHL"}, {"tracking", "T1"}}, {{"carrier", ""}, {"tracking", ""}}};
  const auto text = render_template(
      "{{#shipments}}<{{#carrier}}{{carrier}}{{/carrier}}{{^carrier}}?{{/carrier}}"
      "{{#tracking}}:{{tracking}}{{/tracking}}>{{/shipments}}",
      data, Escaping::Text);
  EXPECT_EQ(text, "<DHL:T1><?>");
}

TEST(MailTemplate, MistakesInATemplateThrow) {
  EXPECT_THROW(render_template("{{missing}}", values({}), Escaping::Text), TemplateError);
  EXPECT_THROW(render_template("{{#a}}never closed", values({{"a", "x"}}), Escaping::Text), TemplateError);
  EXPECT_THROW(render_template("{{/a}}", values({{"a", "x"}}), Escaping::Text), TemplateError);
  EXPECT_THROW(render_template("{{a", values({{"a", "x"}}), Escaping::Text), TemplateError);
  EXPECT_THROW(render_template("{{}}", values({}), Escaping::Text), TemplateError);
}

// Every value any template uses, with text that would break HTML or a header if it were not escaped.
TemplateData sample_data() {
  TemplateData data;
  for (const auto* name : {"name",           "order_id",    "placed_at", "subtotal",   "discount",
                           "coupon_code",    "shipping",    "tax",       "total",      "order_url",
                           "invoice_number", "reason",      "refund",    "amount",     "total_refunded",
                           "link",           "code",        "product",   "sku",        "stock",
                           "threshold",      "product_url", "url",       "endpoint_id"})
    data.values[name] = std::string("<script>alert(1)</script>\r\nX-Injected: ") + name;
  data.lists["lines"] = {{{"product", "<script>alert(1)</script>"},
                          {"options", "size: <M>"},
                          {"sku", "S&1"},
                          {"quantity", "2"},
                          {"unit_price", "1.00 USD"},
                          {"line_total", "2.00 USD"}}};
  data.lists["shipments"] = {{{"products", "2 x <b>"}, {"carrier", "DHL"}, {"tracking_number", "JD01"}}};
  data.lists["address"] = {{{"line", "Ada <Lovelace>"}}};
  return data;
}

TEST(MailTemplates, EveryKindRendersWithEveryValueEscaped) {
  const auto kinds = mail_kinds();
  for (const auto* expected : {"order_placed", "order_paid", "order_shipped", "order_cancelled", "order_refunded",
                               "password_reset", "low_stock", "webhook_disabled"}) {
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), expected), kinds.end()) << expected;
  }
  for (const auto& kind : kinds) {
    SCOPED_TRACE(kind);
    const auto mail = render_mail(kind, sample_data(), {.store_name = "Shop & <Co>", .storefront_url = "https://s.x"});
    EXPECT_EQ(mail.kind, kind);
    EXPECT_FALSE(mail.subject.empty());
    EXPECT_EQ(mail.subject.find_first_of("\r\n"), std::string::npos);
    EXPECT_FALSE(mail.text.empty());
    EXPECT_EQ(mail.html.find("<script>"), std::string::npos);
    EXPECT_EQ(mail.html.find("<!-- body -->"), std::string::npos);
    EXPECT_NE(mail.html.find("</html>"), std::string::npos);
    EXPECT_NE(mail.html.find("Shop &amp; &lt;Co&gt;"), std::string::npos) << "the layout's footer";
    for (const auto* part : {&mail.subject, &mail.text, &mail.html}) EXPECT_EQ(part->find("{{"), std::string::npos);
  }
}

TEST(MailTemplates, AProductNamedScriptArrivesAsTextInHtmlAndAsItIsInText) {
  auto data = sample_data();
  data.values["name"] = "Ada";
  const auto mail = render_mail("order_placed", data, {});
  EXPECT_NE(mail.html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(mail.text.find("2 x <script>alert(1)</script> (size: <M>), SKU S&1: 2.00 USD"), std::string::npos)
      << mail.text;
}

TEST(MailTemplates, PasswordResetShowsTheLinkOrTheCode) {
  const auto with_code = render_mail("password_reset", values({{"link", ""}, {"code", "abc123"}}), {});
  EXPECT_NE(with_code.text.find("Your reset code (valid for one hour, once):\nabc123\n"), std::string::npos);
  EXPECT_EQ(with_code.subject, "Reset your password");
  const auto with_link =
      render_mail("password_reset", values({{"link", "https://s.x/reset?token=abc"}, {"code", "abc"}}), {});
  EXPECT_NE(
      with_link.text.find("Choose a new password here (valid for one hour, once):\nhttps://s.x/reset?token=abc\n"),
      std::string::npos);
  EXPECT_NE(with_link.html.find("href=\"https://s.x/reset?token=abc\""), std::string::npos);
}

TEST(MailTemplates, UnknownKindsThrow) { EXPECT_THROW(render_mail("no_such_mail", {}, {}), TemplateError); }

}  // namespace
}  // namespace emporium::notifications
