# كلمات الموقع العام باللغة العربية.

## التخطيط، في كل صفحة
skip-to-main = انتقل إلى المحتوى الرئيسي
support-links = روابط المساعدة
footer-all-services = جميع الخدمات
footer-contact = اتصل بنا
footer-performance = كيف نؤدي عملنا
footer-accessibility = إمكانية الوصول
footer-cookies = ملفات تعريف الارتباط
footer-privacy = الخصوصية
language = اللغة
not-translated = هذه الصفحة غير متوفرة باللغة العربية بعد، لذلك تظهر باللغة الإنجليزية.

## الصفحة الرئيسية
home-title = التواصل مع المجلس
home-heading = تواصل مع { $council }
home-lead = أبلغ عن مشكلة أو اطلب خدمة أو اطرح علينا سؤالاً. تحصل كل رسالة على رقم مرجعي، ويمكنك معرفة موعد ردنا.
home-find-service = ابحث عن خدمة
home-follow-heading = تابع طلبك
home-reference-label = رقمك المرجعي
home-reference-hint = تجده في البريد الإلكتروني الذي أرسلناه إليك، مثل KMB-4K7-9QX
home-find-it = ابحث
home-person-heading = تحدث إلى شخص
home-person-text = في كل خط هاتفي خيار للتحدث إلى مستشار بشأن أي أمر.
home-person-contact = اتصل بنا هاتفياً أو راسلنا أو قم بزيارتنا
home-person-callback = اطلب منا معاودة الاتصال بك
home-performance-heading = كيف نؤدي عملنا
home-performance-text = ننشر وعودنا ومدى التزامنا بها، مباشرةً.
home-performance-link = اطّلع على أرقام هذا الشهر
