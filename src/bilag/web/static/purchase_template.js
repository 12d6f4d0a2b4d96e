// The purchase-voucher template: recompute the VAT shown as the amount, the expense account or
// the VAT code changes. The server computes the same on "Beregn"/"Compute"; this only saves the
// round trip. Amounts follow the form's rules: "1.250,50", "1.250", "1250,5" or "1250.50".
(function () {
  "use strict";
  var form = document.querySelector("form[data-purchase-template]");
  if (!form) {
    return;
  }
  var amount = form.querySelector("#amount");
  var account = form.querySelector("#account");
  var vatCode = form.querySelector("#vat_code");
  var outputs = {
    excl: form.querySelector("[data-vat-out=excl]"),
    vat: form.querySelector("[data-vat-out=vat]"),
    incl: form.querySelector("[data-vat-out=incl]"),
    code: form.querySelector("[data-vat-out=code]")
  };
  var reverseNote = form.querySelector("[data-vat-out=reverse]");
  var danish = form.getAttribute("data-language") !== "en";

  function toOre(text) {
    var cleaned = text.replace(/[\s\u00a0]/g, "").replace(/\.$/, "").replace(/kr$/, "");
    if (/^-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}$/.test(cleaned)) {
      cleaned = cleaned.replace(/\./g, "").replace(",", ".");
    } else if (/^-?\d{1,3}(\.\d{3})+$/.test(cleaned)) {
      cleaned = cleaned.replace(/\./g, "");
    } else if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) {
      return null;
    }
    var negative = cleaned.charAt(0) === "-";
    var parts = cleaned.replace("-", "").split(".");
    var ore = parseInt(parts[0], 10) * 100 + parseInt(((parts[1] || "") + "00").slice(0, 2), 10);
    return negative ? -ore : ore;
  }

  function format(ore) {
    var sign = ore < 0 ? "-" : "";
    var whole = String(Math.floor(Math.abs(ore) / 100));
    var cents = String(Math.abs(ore) % 100).padStart(2, "0");
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, danish ? "." : ",");
    return sign + whole + (danish ? "," : ".") + cents;
  }

  function chosenVat() {
    var code = vatCode.value;
    if (!code) {
      var option = account.options[account.selectedIndex];
      code = option ? option.getAttribute("data-vat-code") || "" : "";
    }
    var vatOption = code ? vatCode.querySelector("option[value='" + code + "']") : null;
    if (!vatOption) {
      return { code: code, percent: 0, kind: "none" };
    }
    return {
      code: code,
      percent: parseInt(vatOption.getAttribute("data-percent"), 10),
      kind: vatOption.getAttribute("data-kind")
    };
  }

  function update() {
    var ore = toOre(amount.value);
    if (ore === null || !account.value) {
      return;
    }
    var chosen = chosenVat();
    var vat = 0;
    if (chosen.kind === "purchase" && chosen.percent) {
      var numerator = Math.abs(ore) * chosen.percent;
      var denominator = 100 + chosen.percent;
      vat = Math.floor((2 * numerator + denominator) / (2 * denominator)) * (ore < 0 ? -1 : 1);
    }
    outputs.excl.textContent = format(ore - vat);
    outputs.vat.textContent = format(vat);
    outputs.incl.textContent = format(ore);
    outputs.code.textContent = chosen.code || "-";
    reverseNote.hidden = chosen.kind !== "reverse";
  }

  [amount, account, vatCode].forEach(function (input) {
    input.addEventListener("input", update);
    input.addEventListener("change", update);
  });
})();
